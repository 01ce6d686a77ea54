// Site chrome and boilerplate, removed conservatively and line by line: a line goes only when a
// rule recognizes it as not-article (a menu, a list of other posts, a copyright notice, a repeated
// paragraph, everything after an end-of-article marker...). Each removal carries its rule as the
// reason. Rules look at the shape of lines (length, sentence endings, link share, bullets, numbers),
// plus small lexicons of Korean UI words and section names, never at one site's strings.
import { isStampLine } from './published.js';
import type { Line } from './lines.js';

const REASON = {
  duplicate: 'duplicate-paragraph',
  boardList: 'boilerplate:board-list',
  relatedList: 'boilerplate:related-list',
  menu: 'boilerplate:menu',
  copyright: 'boilerplate:copyright',
  url: 'boilerplate:url',
  linkDense: 'boilerplate:link-dense',
  meta: 'boilerplate:meta',
  dateline: 'boilerplate:dateline',
  ui: 'boilerplate:ui',
  promo: 'boilerplate:promo',
  punctuation: 'boilerplate:stray-punctuation',
  endMarker: 'boilerplate:end-marker',
  afterEnd: 'boilerplate:after-end-marker',
} as const;

/** Lines removed for these reasons belong to lists and menus: their dates say nothing about this article. */
export const LIST_REASONS: ReadonlySet<string> = new Set([
  REASON.duplicate, REASON.boardList, REASON.relatedList, REASON.menu, REASON.url, REASON.linkDense, REASON.ui, REASON.promo,
]);

/** Single-line verdicts that a list or menu around the line takes over, so the removal reads as one block. */
const ABSORBED: ReadonlySet<string | null> = new Set([null, REASON.ui, REASON.punctuation, REASON.url, REASON.linkDense, REASON.promo]);

function absorb(reasons: (string | null)[], i: number, reason: string): void {
  if (ABSORBED.has(reasons[i])) reasons[i] = reason;
}

export interface LineOutcome {
  /** The line, trimmed. */
  text: string;
  /** What stays in the article: the line, the line without its end marker, or null (removed or blank). */
  keep: string | null;
  /** Why (part of) the line was removed; null when kept whole or blank. */
  reason: string | null;
  /** The removed part: the whole line, or the end marker cut from it. */
  removedText: string;
}

// ---- lexicons ------------------------------------------------------------------------------

/** Words of site UI (buttons, skip links, share bars); a line made only of these is chrome. */
const UI_WORDS = [
  '본문', '바로가기', '주메뉴', '메인메뉴', '전체메뉴', '메뉴', '콘텐츠', '컨텐츠', '영역', '본문영역', '사이트맵', '검색', '검색하기',
  '로그인', '로그아웃', '회원가입', '마이페이지', '닫기', '열기', '이전', '다음', '이전글', '다음글', '이전기사', '다음기사', '기사',
  '목록', '목록보기', '인쇄', '인쇄하기', '프린트', 'print', '공유', '공유하기', '스크랩', '글자크기', '글씨크기', '크게', '작게',
  '확대', '축소', '맨위로', '위로', 'top', '홈', 'home', 'menu', 'search', 'login', '구독', '구독하기', '좋아요', '싫어요', '댓글',
  '댓글쓰기', '더보기', '전체보기', '페이스북', 'facebook', '트위터', 'twitter', '카카오톡', '카카오스토리', '네이버', '밴드',
  '블로그', 'url', '복사', '링크', '주소', '기사공유', 'sns', '뉴스', '상세보기', '원문보기', '원문', '바로보기', '보기', '정렬',
  '최신순', '인기순', '추천순', '추천', '신고', '신고하기', 'share', 'email', '메일', '보내기', '저장', '다운로드', '첨부파일',
  '회사소개', '광고문의', '제휴문의', '개인정보처리방침', '개인정보취급방침', '이용약관', '청소년보호정책', '고객센터', '기사제보',
  '구독신청', '저작권정책', '이메일무단수집거부', '사이트소개', '보도자료', '보도참고자료', '보도설명자료', '설명자료', '해명자료',
];
const UI_SET = new Set(UI_WORDS);
const UI_MAX_WORD = Math.max(...UI_WORDS.map((w) => w.length));

/**
 * Newspaper section names. Alone they may be a heading, so they count as chrome only inside a run
 * of short lines (a section menu), never as a single-line rule.
 */
const SECTION_WORDS = new Set([
  '정치', '경제', '사회', '국제', '세계', '문화', '스포츠', '연예', '오피니언', '사설', '칼럼', '과학', 'it', '국방', '외교',
  '북한', '통일', '산업', '금융', '부동산', '증권', '라이프', '건강', '여행', '전국', '지역', '인물', '포토', '영상', '날씨',
  '기획', '피플', '교육', '노동', '환경', '의료', '테크', '글로벌', '정책', '브리핑',
]);

/** Section headers that open a list of other articles. */
const RELATED_HEADERS = new Set([
  '관련기사', '관련뉴스', '관련보도', '관련콘텐츠', '많이본뉴스', '많이본기사', '가장많이본뉴스', '인기뉴스', '인기기사', '최신뉴스',
  '최신기사', '주요뉴스', '주요기사', '이시각주요뉴스', '이시각헤드라인', '추천기사', '추천뉴스', '함께볼만한뉴스', '핫이슈',
  '포토뉴스', '헤드라인뉴스', '실시간뉴스', '오늘의뉴스', '랭킹뉴스', '핫뉴스', '기자의다른기사', '이기자의다른기사', '다른기사보기',
  '실시간인기기사', '많이본', '에디터추천', '공감많은뉴스', '댓글많은뉴스', 'relatedarticles', 'mostread', 'morenews',
]);

/** Column names of a bulletin-board list ("번호 제목 글쓴이 날짜 조회수"). */
const BOARD_COLUMNS = new Set(['번호', '제목', '글쓴이', '작성자', '작성일', '등록일', '날짜', '조회수', '조회', '추천', '첨부', '파일', '부서', '담당부서', '등록자']);

/** "label: value" admin lines; the unambiguous labels (담당부서, 담당자, 문의처...) need no colon. */
const META_LABEL = /^(?:(?:담당\s*부서|담당자|부서|작성자|글쓴이|등록자|작성일|등록일|수정일|게시일|조회수|조회|추천수|상태|첨부\s*파일|첨부|태그|키워드|분류|카테고리|문의처|문의|연락처|출처|자료\s*출처|사진\s*출처|전화|팩스|e-?mail)\s*[:：=]|(?:담당\s*부서|담당자|문의처|연락처|첨부\s*파일|조회수)\s)\s*\S/i;

const COPYRIGHT_STRONG = /공공누리|all rights reserved|저작권자\s*[(ⓒ©]|<\s*저작권자|무단\s*전재\s*(?:및|-|·|,)?\s*재배포\s*금지/i;
const COPYRIGHT_WEAK = /무단\s*전재|무단\s*복제|재배포\s*금지|copyright|[ⓒ©]/i;

const URL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/|www\.)[^\s<>"']+|(?<![\w@.])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|kr|io|me|tv|news|jp|us)(?:\/[^\s<>"']*)?(?![\w.])/gi;

/** Bracketed end markers of Korean news and press releases: <끝>, (끝), [끝], -끝-, /끝/, = 끝 =, ###. */
const END_BRACKET = /\s*(?:[<＜〈]\s*끝\s*[>＞〉]|\(\s*끝\s*\)|\[\s*끝\s*\]|-\s*끝\s*-|\/\s*끝\s*\/|=\s*끝\s*=|^#\s*#\s*#)\s*$/;
/** A bare "끝." after a finished sentence, or alone on its line. */
const END_WORD = /(^|[.!?。"”’)\]])\s*끝\s*\.?\s*$/;

/** "▶ 제보는 카카오톡", "☞ 네이버에서 구독하기": an arrow-led short line that asks the reader to act. */
const PROMO = /^[▶▷►☞➤]\s*.{0,60}(?:제보|구독|바로가기|클릭|친구\s*추가|앱\s*(?:설치|다운)|다운로드|이벤트|네티즌\s*의견|카카오톡|유튜브|youtube|네이버|페이스북|텔레그램)/i;
const PROMO_MAX = 80;

const BOARD_ROW = /^\d{1,7}\s+\S.*\s(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{2}[-./]\d{2}(?:[-./]\d{2})?)\.?(?:\s+[\d,]+){0,2}$/;

const SENTENCE_END = /[.。?？!！](?:["'”’)\]」』]*)$|[다요죠음함됨임]\s*["'”’)\]」』]*$/;

// ---- line predicates ------------------------------------------------------------------------

const MENU_LINE_MAX = 30;
const HEADLINE_MAX = 120;

function squash(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

function isPunctuationOnly(text: string): boolean {
  return /^[\p{P}\p{S}\s]+$/u.test(text);
}

function isNumericOnly(text: string): boolean {
  return /^[\d\s\p{P}\p{S}]+$/u.test(text) && /\d/.test(text);
}

/** The line is made entirely of UI words ("이전다음기사", "로그인 회원가입"). */
export function isUiLine(text: string): boolean {
  const s = squash(text);
  if (s.length === 0 || s.length > 40) return false;
  const ok = new Array<boolean>(s.length + 1).fill(false);
  ok[0] = true;
  for (let i = 0; i < s.length; i++) {
    if (!ok[i]) continue;
    for (let n = 1; n <= UI_MAX_WORD && i + n <= s.length; n++) {
      if (UI_SET.has(s.slice(i, i + n))) ok[i + n] = true;
    }
  }
  return ok[s.length];
}

function isRelatedHeader(text: string): boolean {
  return text.length <= 30 && RELATED_HEADERS.has(squash(text));
}

function isBoardHeader(text: string): boolean {
  const cells = text.split(/[\s|\t]+/).filter(Boolean);
  const known = cells.filter((c) => BOARD_COLUMNS.has(c)).length;
  return known >= 3 && known / cells.length >= 0.8;
}

function urlChars(text: string): number {
  let n = 0;
  for (const m of text.matchAll(URL)) n += m[0].length;
  return n;
}

function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

function isCopyright(text: string): boolean {
  if (text.length <= 400 && COPYRIGHT_STRONG.test(text)) return true;
  return text.length <= 120 && COPYRIGHT_WEAK.test(text) && !/다\.$/.test(text);
}

/** The single-line rules, in order; the first that fires names the reason. */
function lineReason(text: string, line: Line): string | null {
  if (isCopyright(text)) return REASON.copyright;
  const urls = urlChars(text);
  if (urls > 0 && squash(text.replace(URL, '')) === '') return REASON.url;
  // A line that is all link text is navigation; a mostly-linked short line that ends no sentence is a promo.
  const links = line.heading ? urls : Math.max(line.linkChars, urls);
  if (links === text.length && text.length <= 200) return REASON.linkDense;
  if (text.length <= 100 && links / text.length >= 0.5 && !endsSentence(text)) return REASON.linkDense;
  if (text.length <= 80 && META_LABEL.test(text)) return REASON.meta;
  if (isStampLine(text)) return REASON.dateline;
  if (isUiLine(text)) return REASON.ui;
  if (text.length <= PROMO_MAX && PROMO.test(text)) return REASON.promo;
  if (isPunctuationOnly(text)) return REASON.punctuation;
  return null;
}

// ---- the pass --------------------------------------------------------------------------------

export function classifyLines(lines: readonly Line[]): LineOutcome[] {
  const texts = lines.map((l) => l.text.trim());
  const reasons: (string | null)[] = texts.map(() => null);
  const nonBlank = texts.flatMap((t, i) => (t === '' ? [] : [i]));

  const seen = new Set<string>();
  for (const i of nonBlank) {
    const key = texts[i].replace(/\s+/g, ' ');
    if (key.length >= 20 && seen.has(key)) reasons[i] = REASON.duplicate;
    else {
      seen.add(key);
      reasons[i] = lineReason(texts[i], lines[i]);
    }
  }
  markBoardLists(texts, nonBlank, reasons);
  markRelatedLists(texts, nonBlank, reasons);
  markMenus(texts, nonBlank, reasons);

  const outcomes: LineOutcome[] = texts.map((text, i) => ({
    text,
    keep: text === '' || reasons[i] ? null : text,
    reason: text === '' ? null : reasons[i],
    removedText: reasons[i] ? text : '',
  }));
  cutAtEndMarker(outcomes, nonBlank);
  return outcomes;
}

/** A board header ("번호 제목 글쓴이 날짜 조회수") and the numbered rows under it; or two or more such rows. */
function markBoardLists(texts: string[], order: number[], reasons: (string | null)[]): void {
  for (let k = 0; k < order.length; k++) {
    const header = isBoardHeader(texts[order[k]]);
    let end = k + (header ? 1 : 0);
    while (end < order.length && BOARD_ROW.test(texts[order[end]])) end++;
    const rows = end - k - (header ? 1 : 0);
    if ((header && rows >= 1) || rows >= 2) {
      for (let j = k; j < end; j++) absorb(reasons, order[j], REASON.boardList);
      k = end - 1;
    }
  }
}

/** "관련기사", "인기 뉴스"... and the headline-like lines under it (short, not ending a sentence). */
function markRelatedLists(texts: string[], order: number[], reasons: (string | null)[]): void {
  for (let k = 0; k < order.length; k++) {
    if (!isRelatedHeader(texts[order[k]])) continue;
    reasons[order[k]] = REASON.relatedList;
    let j = k + 1;
    for (; j < order.length; j++) {
      const t = texts[order[j]];
      if (isRelatedHeader(t)) {
        reasons[order[j]] = REASON.relatedList;
        continue;
      }
      if (t.length > HEADLINE_MAX || (endsSentence(t) && /[.。]["'”’)\]]*$/.test(t))) break;
      absorb(reasons, order[j], REASON.relatedList);
    }
    k = j - 1;
  }
}

/**
 * Runs of short lines (≤ 30 chars; blank lines do not break a run) that are mostly chrome: UI
 * words, counters, dates, lone bullets and pipes, "label: value" lines. The run is trimmed to its
 * first and last chrome line, and removed when it holds at least 3 chrome lines making ≥ 60% of it.
 * Short article lines (headings, bullet points with content) are not chrome, so they survive.
 */
function markMenus(texts: string[], order: number[], reasons: (string | null)[]): void {
  const chrome = (i: number): boolean => {
    const t = texts[i].replace(/^[•·\-–—*|▪▫◦●○■□]\s*/, '').replace(/\s*\|$/, '');
    // Counters and short dates ("425", "1,234", "08-02"); longer numeric lines may be table rows.
    const counter = isNumericOnly(t) && t.length <= 12;
    const sections = t.split(/[\s|·/,]+/).filter(Boolean);
    const sectionMenu = sections.length > 0 && sections.every((w) => SECTION_WORDS.has(w.toLowerCase()));
    return (reasons[i] !== null && reasons[i] !== REASON.duplicate) || counter || sectionMenu || isPunctuationOnly(texts[i]) || isUiLine(t);
  };
  let k = 0;
  while (k < order.length) {
    if (texts[order[k]].length > MENU_LINE_MAX) {
      k++;
      continue;
    }
    let end = k;
    while (end < order.length && texts[order[end]].length <= MENU_LINE_MAX) end++;
    const run = order.slice(k, end);
    const first = run.findIndex(chrome);
    const last = run.length - 1 - [...run].reverse().findIndex(chrome);
    if (first >= 0) {
      const core = run.slice(first, last + 1);
      const n = core.filter(chrome).length;
      if (n >= 3 && n / core.length >= 0.6) for (const i of core) absorb(reasons, i, REASON.menu);
    }
    k = end;
  }
}

/**
 * Everything after an end-of-article marker ("끝.", "<끝>", a copyright notice in the second half
 * of the text) is not this article. A marker counts only once some article text precedes it.
 */
function cutAtEndMarker(outcomes: LineOutcome[], order: number[]): void {
  const total = order.reduce((n, i) => n + outcomes[i].text.length, 0);
  let before = 0;
  let keptBefore = 0;
  for (let k = 0; k < order.length; k++) {
    const o = outcomes[order[k]];
    let isEnd = false;
    if (o.keep !== null) {
      const bracket = END_BRACKET.exec(o.keep);
      const word = bracket ? null : END_WORD.exec(o.keep);
      const cut = bracket ? bracket.index : word ? word.index + word[1].length : -1;
      if (cut >= 0 && keptBefore + cut >= 50) {
        const kept = o.keep.slice(0, cut).trimEnd();
        o.removedText = o.keep.slice(cut).trim();
        o.keep = kept === '' ? null : kept;
        o.reason = REASON.endMarker;
        isEnd = true;
      } else keptBefore += o.keep.length;
    } else if (o.reason === REASON.copyright && keptBefore >= 50 && before >= total / 2) isEnd = true;
    before += o.text.length;
    if (isEnd) {
      for (const i of order.slice(k + 1)) {
        const rest = outcomes[i];
        if (rest.keep !== null) {
          rest.reason = REASON.afterEnd;
          rest.removedText = rest.text;
          rest.keep = null;
        }
      }
      return;
    }
  }
}
