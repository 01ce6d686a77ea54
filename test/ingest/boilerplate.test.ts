// Boilerplate rules on small realistic cases, and the article lines they must leave alone.
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/ingest/index.js';
import { classifyLines, isUiLine } from '../../pipeline/ingest/boilerplate.js';
import { fileItem } from './helpers.js';

function clean(text: string) {
  return ingest(fileItem(text));
}

function reasonsOf(lines: string[]): (string | null)[] {
  return classifyLines(lines.map((text) => ({ text, linkChars: 0 }))).map((o) => o.reason);
}

const BODY = [
  '국방부는 28일 한미 연합훈련을 다음 달 실시한다고 밝혔다.',
  '이번 훈련에는 양국 공군 전력 100여 대가 참가할 예정이다.',
];

describe('plain text that no rule touches stays verbatim', () => {
  it('keeps indentation, blank lines, CRLF and trailing spaces', () => {
    const input = '  국방부 발표  \r\n\r\n\t국방부는 28일 한미 연합훈련을 실시한다고 밝혔다.\r\n- 참가 전력: 전투기 100여 대\r\n- 훈련 기간: 5일\r\n\r\n';
    const doc = clean(input);
    expect(doc.text).toBe(input);
    expect(doc.removed).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('keeps article lists that look like lists: agenda bullets, table rows, Q&A', () => {
    const lines = [
      '회의의 주요 의제',
      '- 북한군 러시아 파병에 대한 최근 평가',
      '- 한미 일체형 확장억제 전략 발전',
      '- 국방 과학기술 혁신 협력 방안',
      '주요 의제 | 목표 | 공조 방안 |',
      '북한군 대응 | 안보 정세 평가 | 정치적 공조 |',
      '질문 1. 회의의 목적은 무엇인가요?',
      '양국 간 국방 협력을 강화하는 것입니다.',
      '1. 훈련 일정',
      '2. 참가 부대',
      '3. 향후 계획',
    ];
    expect(reasonsOf(lines)).toEqual(lines.map(() => null));
  });

  it('does not take "끝" or copyright words inside article sentences for markers', () => {
    const input = [
      ...BODY,
      '그는 "이번 협상이 분쟁의 끝"이라고 말했다.',
      '정부는 무단 전재와 재배포 금지 조항을 어긴 업체 3곳에 과징금을 부과했다고 밝혔으며, 앞으로 저작권 침해 단속을 강화하겠다고 덧붙였다.',
      '전쟁의 끝',
    ].join('\n');
    expect(clean(input).text).toBe(input);
  });
});

describe('end-of-article markers', () => {
  it('cuts "끝." off the last sentence and drops what follows', () => {
    const doc = clean([...BODY, '양국은 협력을 이어가기로 했다.  끝.', '', '붙임 : 참고자료 1부.', '다른 기사 제목'].join('\n'));
    expect(doc.text).toBe([...BODY, '양국은 협력을 이어가기로 했다.'].join('\n'));
    expect(doc.removed).toEqual([
      { reason: 'boilerplate:end-marker', text: '끝.' },
      { reason: 'boilerplate:after-end-marker', text: '붙임 : 참고자료 1부.\n다른 기사 제목' },
    ]);
  });

  it('knows <끝>, (끝), -끝- and a copyright notice late in the text', () => {
    for (const marker of ['<끝>', '(끝)', '-끝-', '/끝/']) {
      expect(clean([...BODY, `마지막 문장이다. ${marker}`, '뒤따르는 메뉴'].join('\n')).text).toBe([...BODY, '마지막 문장이다.'].join('\n'));
    }
    const doc = clean([...BODY, '<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>', '2024/10/28 10:30 송고', '이 시각 많이 본 기사'].join('\n'));
    expect(doc.text).toBe(BODY.join('\n'));
    expect(doc.removed.map((r) => r.reason)).toEqual(['boilerplate:copyright', 'boilerplate:dateline', 'boilerplate:after-end-marker']);
    // The stamp after the notice still dates the article.
    expect(doc.published).toBe('2024-10-28');
    expect(doc.publishedDateTime).toBe('2024-10-28T10:30:00+09:00');
  });

  it('a wire-style tail: reporter e-mail, reader promos, copyright, stamp', () => {
    const doc = clean([
      ...BODY,
      'kcs@example.co.kr',
      '▶제보는 카카오톡 okjebo',
      "▶이 기사에 대한 '네티즌 의견' 보기",
      '<저작권자(c) 가상통신, 무단 전재-재배포, AI 학습 및 활용 금지>',
      '2024/10/31 07:52 송고',
    ].join('\n'));
    expect(doc.text).toBe(BODY.join('\n'));
    // E-mail and promos are each chrome, and together a menu-like run of short lines.
    expect(doc.removed).toEqual([
      { reason: 'boilerplate:menu', text: "kcs@example.co.kr\n▶제보는 카카오톡 okjebo\n▶이 기사에 대한 '네티즌 의견' 보기" },
      { reason: 'boilerplate:copyright', text: '<저작권자(c) 가상통신, 무단 전재-재배포, AI 학습 및 활용 금지>' },
      { reason: 'boilerplate:dateline', text: '2024/10/31 07:52 송고' },
    ]);
    expect(reasonsOf(['▶제보는 카카오톡 okjebo', 'kcs@example.co.kr'])).toEqual(['boilerplate:promo', 'boilerplate:url']);
    expect(doc.published).toBe('2024-10-31');
  });

  it('keeps arrow-led lines of a press release that ask nothing of the reader', () => {
    const lines = ['▶ 일시: 2024. 10. 31.(목) 10:00', '▶ 장소: 국방부 대회의실', ...BODY];
    expect(reasonsOf(lines)).toEqual(lines.map(() => null));
  });

  it('ignores a marker before any article text', () => {
    expect(reasonsOf(['끝.', ...BODY])).toEqual([null, null, null]);
  });
});

describe('lists of other articles, menus, repeated paragraphs', () => {
  it('removes a "관련기사" block of headlines and stops at the next article sentence', () => {
    const doc = clean([...BODY, '▶ 관련기사 ◀', '- 北, 동해상으로 탄도미사일 발사…올해 들어 세 번째', '- 합참 "도발 즉각 대응"', '군은 이후 경계 태세를 강화했다.'].join('\n'));
    expect(doc.text).toBe([...BODY, '군은 이후 경계 태세를 강화했다.'].join('\n'));
    expect(doc.removed).toEqual([{ reason: 'boilerplate:related-list', text: '▶ 관련기사 ◀\n- 北, 동해상으로 탄도미사일 발사…올해 들어 세 번째\n- 합참 "도발 즉각 대응"' }]);
  });

  it('removes a bulletin-board list with its header, and its dates never date the article', () => {
    const doc = clean([
      ...BODY,
      '번호 제목 작성자 등록일 조회수',
      '12 국방부 연말 행사 안내 홍보과 2023-12-01 120',
      '11 장병 복지 개선 계획 복지과 2023-11-30 98',
    ].join('\n'));
    expect(doc.text).toBe(BODY.join('\n'));
    expect(doc.removed[0].reason).toBe('boilerplate:board-list');
    expect(doc.published).toBeNull();
  });

  it('removes a menu run of counters, UI words and labels, but not the title above it', () => {
    const lines = ['국방부 보도자료', '공유', '인쇄', '글자크기', '조회 1,234', '• 0', ...BODY];
    expect(reasonsOf(lines)).toEqual([null, 'boilerplate:menu', 'boilerplate:menu', 'boilerplate:menu', 'boilerplate:menu', 'boilerplate:menu', null, null]);
  });

  it('removes single UI lines, label lines, lone URLs and link-heavy promos', () => {
    expect(reasonsOf(['본문 바로가기', '담당부서 : 국방부 대변인실', 'https://www.mnd.go.kr/news/1234', '생생한 뉴스, example.co.kr', ...BODY])).toEqual([
      'boilerplate:ui', 'boilerplate:meta', 'boilerplate:url', 'boilerplate:link-dense', null, null,
    ]);
    expect(isUiLine('이전다음기사')).toBe(true);
    expect(isUiLine('로그인 | 회원가입 | 전체메뉴')).toBe(true);
    expect(isUiLine('다음 달 훈련')).toBe(false);
  });

  it('keeps an exactly repeated paragraph once, but not short repeated lines', () => {
    const doc = clean([BODY[0], BODY[1], '표 1', BODY[0], '표 1', BODY[1]].join('\n'));
    expect(doc.text).toBe([BODY[0], BODY[1], '표 1', '표 1'].join('\n'));
    expect(doc.removed.map((r) => r.reason)).toEqual(['duplicate-paragraph', 'duplicate-paragraph']);
  });

  it('a first line that is a date or a number is not a title', () => {
    expect(clean(['2024.10.28', ...BODY].join('\n')).title).toBeNull();
    expect(clean(['국방부 보도자료', ...BODY].join('\n')).title).toBe('국방부 보도자료');
  });

  it('a press-release header: document label, release stamps, department lines', () => {
    const doc = clean([
      '보도자료',
      '보도일시 2024. 10. 28.(월) 06:00',
      '배포일시 2024. 10. 27.(일) 14:00',
      '담당부서 국방부 국제정책관실',
      '담당자 과장 홍길동 (02-748-0000)',
      '',
      '한미 국방장관, 제56차 SCM 개최',
      '- 한미동맹 강화 방안 논의 -',
      '□ 김용현 국방부장관은 10월 30일 미국 워싱턴D.C.에서 로이드 오스틴 미 국방부장관과 제56차 한미안보협의회의(SCM)를 개최하였다.',
      '붙임 : 공동성명 1부. 끝.',
    ].join('\n'));
    expect(doc.text).toBe([
      '한미 국방장관, 제56차 SCM 개최',
      '- 한미동맹 강화 방안 논의 -',
      '□ 김용현 국방부장관은 10월 30일 미국 워싱턴D.C.에서 로이드 오스틴 미 국방부장관과 제56차 한미안보협의회의(SCM)를 개최하였다.',
      '붙임 : 공동성명 1부.',
    ].join('\n'));
    expect(doc.title).toBe('한미 국방장관, 제56차 SCM 개최');
    // The release time, not the distribution time, and not the meeting date.
    expect(doc).toMatchObject({ published: '2024-10-28', publishedDateTime: '2024-10-28T06:00:00+09:00', publishedFrom: 'text' });
  });

  it('says when plain text was cleaned, since its offsets no longer index the input', () => {
    const doc = clean(['본문 바로가기', ...BODY].join('\n'));
    expect(doc.text).toBe(BODY.join('\n'));
    expect(doc.warnings).toEqual(['cleaned: 1 boilerplate line(s) removed, so text is not the verbatim input']);
  });
});
