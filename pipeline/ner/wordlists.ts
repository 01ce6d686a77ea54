// Korean word lists that carry knowledge the 3,750 training sentences see too rarely: words that
// follow or end names of each type. They are features (evidence the model weighs), never rules.
// General news vocabulary only; nothing here is specific to any article.
import { Lexicon } from './lexicon.js';
import { QUANTITY_UNITS } from './rules.js';

const LISTS: Record<string, string> = {
  // Titles and forms of address that follow a person's name: "오스틴 장관", "김모 씨".
  title: `씨 군 양 옹 님 장관 차관 대통령 총리 부총리 의원 국회의원 대표 위원장 위원 의장 부의장 대변인 사장 회장 부회장 이사장
    이사 교수 박사 기자 특파원 앵커 감독 코치 선수 배우 가수 작가 시인 화백 총장 청장 차장 실장 국장 과장 부장 팀장 소장 원장 처장
    대사 공사 영사 지사 시장 군수 구청장 도지사 검사 검사장 판사 변호사 경위 경감 경정 총경 경사 대령 중령 소령 대위 중위 소위
    장군 대장 중장 소장 준장 사령관 참모총장 합참의장 국방장관 외교장관 국무장관 방위상 외무상 외상 관방장관 주석 국가주석 총서기
    왕 여왕 국왕 왕자 공주 황제 교황 목사 신부 스님 추기경 후보 후보자 당선인 당선자 전 前 현 상원의원 하원의원 원내대표 최고위원
    비서실장 수석 보좌관 안보실장 특보 특사 대행 권한대행 선임기자 논설위원 CEO 회장님 선생님 선생 씨는`,
  // Endings of organization names: "국방부", "합동참모본부", "자위대", "더불어민주당".
  org: `부 청 처 원 위원회 위 본부 사령부 군 대 당 협회 연합 연맹 재단 공사 공단 은행 그룹 전자 자동차 증권 보험 일보 신문 방송 통신
    뉴스 대학교 대학 대학원 고등학교 중학교 초등학교 학교 병원 연구소 연구원 센터 법원 지방법원 고등법원 대법원 검찰청 지검 경찰청
    경찰서 소방서 구청 시청 도청 군청 의회 국회 정부 내각 자위대 해군 육군 공군 해병대 함대 사단 여단 연대 대대 기구 기관 조합
    회사 주식회사 그룹사 엔터테인먼트 구단 FC 팀 클럽 교회 성당 사찰 노조 노동조합 협의회 조직 동맹 당국 총국 국 과 실 처 사무국`,
  // Endings and heads of place names: "서울시", "경기도", "동해", "한반도".
  loc: `시 도 군 구 동 읍 면 리 국 주 섬 도서 반도 해 만 해협 강 산 산맥 호 공항 항 역 기지 해역 수역 대륙 지역 지방 일대 거리 로 길
    광장 공원 다리 대교 터널 댐 광역시 특별시 특별자치시 자치구 성 현 부 州 마을 단지 타운 빌딩 타워 궁 해안 평야 고원 사막 열도`,
  // Units and counters that end quantities: "16명", "5km", "1조 원".
  unit: QUANTITY_UNITS.join(' '),
  // Calendar words of dates: "2023년 7월 24일", "지난해", "다음주".
  date: `년 월 일 주 요일 월요일 화요일 수요일 목요일 금요일 토요일 일요일 분기 상반기 하반기 연초 연말 연중 초 중순 하순 말 오늘 어제
    내일 모레 그저께 그제 올해 작년 지난해 내년 금년 이번 지난 다음 다음주 이번주 지난주 주말 주중 평일 설 추석 세기 년대 시즌 당시
    현재 최근 앞서 새해 신년 봄 여름 가을 겨울 회계연도`,
  // Clock words of times: "오후 3시 30분", "새벽".
  time: `시 분 초 오전 오후 새벽 아침 점심 저녁 밤 낮 심야 자정 정오 정각 시간 시께 시쯤 밤새 한밤 저녁때 오전중 오후중`,
};

/** One lexicon holding every list, each entry labelled with its list's name. */
export const WORD_LISTS = new Lexicon(
  Object.entries(LISTS).flatMap(([label, words]) => words.split(/\s+/).filter(Boolean).map((text) => ({ text, label }))),
);
