// HTML → text through a real parser: structure kept as lines, chrome dropped with reasons.
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/ingest/index.js';
import { htmlToLines, looksLikeHtml } from '../../pipeline/ingest/html.js';
import { fileItem } from './helpers.js';

const PAGE = `<!DOCTYPE html>
<html lang="ko"><head>
<meta charset="utf-8"><title>국방부, 연합훈련 실시 | 국방뉴스</title>
<meta property="og:title" content="국방부, 연합훈련 실시">
<meta property="article:published_time" content="2024-10-28T01:30:00+00:00">
<style>body { color: red }</style>
<script>var tracker = "무단전재"; document.write('<p>광고</p>');</script>
</head><body>
<header><a href="/">국방뉴스</a><nav><ul><li><a href="/politics">정치</a></li><li><a href="/defense">국방</a></li></ul></nav></header>
<div class="breadcrumb">홈 &gt; 국방</div>
<article>
<h1>국방부, 연합훈련 실시</h1>
<p>국방부는 28일 &quot;한미 연합훈련&quot;을 실시한다고 밝혔다.<br>훈련에는 &lt;F-35A&gt; 전투기 20여 대가 참가한다.</p>
<figure><img src="/photo.jpg" alt="훈련 사진"><figcaption>훈련 중인 전투기들</figcaption></figure>
<p>국방부 관계자는 &#34;억제력을 높일 것&#x22;이라고 말했다. 자세한 내용은 <a href="https://mnd.go.kr">국방부 누리집</a>에서 볼 수 있다.</p>
<table><tr><th>구분</th><th>내용</th></tr><tr><td>기간</td><td>10월 28일~11월 1일</td></tr><tr><td><b>참가</b></td><td>한국 공군 &amp; 미 공군</td></tr></table>
<div style="display:none">숨겨진 문구</div>
<div class="related-news"><h3>관련기사</h3><a href="/1">북한, 미사일 발사</a></div>
</article>
<aside><h3>많이 본 뉴스</h3><ol><li>다른 기사 1</li></ol></aside>
<footer>Copyright ⓒ 국방뉴스. All rights reserved.</footer>
</body></html>`;

describe('html', () => {
  const doc = ingest(fileItem(PAGE, 'html', 'page'));

  it('keeps the article as lines: headline, paragraphs, <br> breaks, caption, table rows', () => {
    expect(doc.text).toBe([
      '국방부, 연합훈련 실시',
      '국방부는 28일 "한미 연합훈련"을 실시한다고 밝혔다.',
      '훈련에는 <F-35A> 전투기 20여 대가 참가한다.',
      '훈련 중인 전투기들',
      '국방부 관계자는 "억제력을 높일 것"이라고 말했다. 자세한 내용은 국방부 누리집에서 볼 수 있다.',
      '구분 | 내용',
      '기간 | 10월 28일~11월 1일',
      '참가 | 한국 공군 & 미 공군',
    ].join('\n'));
  });

  it('reads only the marked article and records every drop with its reason', () => {
    const reasons = doc.removed.map((r) => r.reason);
    expect(reasons).toEqual(expect.arrayContaining(['html:outside-article', 'html:img', 'html:hidden']));
    expect(reasons.some((r) => r.startsWith('html:chrome(class=related-news'))).toBe(true);
    expect(doc.removed.find((r) => r.reason === 'html:outside-article')!.text).toMatch(/국방뉴스.*홈 > 국방.*많이 본 뉴스/);
    expect(doc.removed.find((r) => r.reason === 'html:img')!.text).toContain('훈련 사진');
    expect(doc.text).not.toMatch(/tracker|color: red|광고|숨겨진|다른 기사|Copyright|정치/);
  });

  it('without an article mark, drops header, nav, aside, footer, chrome classes and link lists', () => {
    const page = `<body><header><h1>국방뉴스</h1></header><nav><a href="/">홈</a> <a href="/d">국방</a></nav>
      <div class="wrap"><div class="ad_banner">광고 문의</div><h2>연합훈련 실시</h2><p>국방부는 훈련을 실시한다고 밝혔다.</p>
      <div><a href="/1">북한, 미사일 발사</a></div><div><a href="/2">합참 "도발 즉각 대응"</a></div></div>
      <aside>많이 본 뉴스</aside><footer>Copyright ⓒ 국방뉴스. All rights reserved.</footer></body>`;
    const plain = ingest(fileItem(page, 'html', 'plain'));
    expect(plain.text).toBe('연합훈련 실시\n국방부는 훈련을 실시한다고 밝혔다.');
    expect(plain.removed.map((r) => r.reason)).toEqual([
      'html:header', 'html:nav', 'html:chrome(class=ad_banner)', 'html:aside', 'html:footer', 'boilerplate:link-dense',
    ]);
    // The logo <h1> inside <header> is not the headline, and there is no other.
    expect(plain.title).toBeNull();
  });

  it('takes og:title as title and the article:published_time as the date, in Seoul', () => {
    expect(doc.title).toBe('국방부, 연합훈련 실시');
    // 01:30 UTC is 10:30 in Seoul, the same day.
    expect(doc.published).toBe('2024-10-28');
    expect(doc.publishedDateTime).toBe('2024-10-28T01:30:00+00:00');
    expect(doc.publishedFrom).toBe('front-matter');
  });

  it("keeps an <article>'s own <header> (headline, byline) and drops the page's", () => {
    const page = `<body><header><h1>로고</h1><nav>메뉴</nav></header><main><article>
      <header><h1>국방부, 훈련 발표</h1><p>홍길동 기자 · 입력 2024.10.28 10:30</p></header>
      <p>국방부는 28일 한미 연합훈련을 다음 달 실시한다고 밝혔다. 이번 훈련에는 양국 공군이 참가한다.</p>
      <footer>저작권자 ⓒ 뉴스</footer></article></main><footer>회사소개</footer></body>`;
    const doc = ingest(fileItem(page, 'html'));
    expect(doc.text).toBe('국방부, 훈련 발표\n홍길동 기자 · 입력 2024.10.28 10:30\n국방부는 28일 한미 연합훈련을 다음 달 실시한다고 밝혔다. 이번 훈련에는 양국 공군이 참가한다.');
    expect(doc.removed).toEqual([{ reason: 'html:outside-article', text: '로고 메뉴 회사소개' }, { reason: 'html:footer', text: '저작권자 ⓒ 뉴스' }]);
    expect(doc).toMatchObject({ title: '국방부, 훈련 발표', published: '2024-10-28', publishedFrom: 'text' });
  });

  it('reads the date and headline from JSON-LD or an itemprop="datePublished" element', () => {
    const ld = `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",
      "headline":"국방부, 훈련 실시","datePublished":"2024-10-28T23:10:00+09:00","dateModified":"2024-10-29T08:00:00+09:00"}]}</script>
      <script type="application/ld+json">{not json</script></head><body><p>국방부는 훈련을 실시한다고 밝혔다.</p></body></html>`;
    expect(ingest(fileItem(ld, 'html'))).toMatchObject({ title: '국방부, 훈련 실시', published: '2024-10-28', publishedDateTime: '2024-10-28T23:10:00+09:00', publishedFrom: 'front-matter' });
    const itemprop = '<p>입력 <time itemprop="datePublished" datetime="2024-10-28T01:00:00Z">10월 28일</time></p><p>국방부는 훈련을 실시한다고 밝혔다.</p>';
    expect(ingest(fileItem(itemprop, 'html'))).toMatchObject({ published: '2024-10-28', publishedDateTime: '2024-10-28T01:00:00Z', publishedFrom: 'front-matter' });
  });

  it('never drops the marked article body for a chrome word in its class', () => {
    const page = '<div class="gnb">메뉴</div><div class="article_body ad-free"><p>국방부는 28일 한미 연합훈련을 다음 달 실시한다고 밝혔다. 이번 훈련에는 양국 공군 전력 100여 대가 참가할 예정이다.</p></div>';
    expect(ingest(fileItem(page, 'html')).text).toBe('국방부는 28일 한미 연합훈련을 다음 달 실시한다고 밝혔다. 이번 훈련에는 양국 공군 전력 100여 대가 참가할 예정이다.');
  });

  it('reads a layout table around the article as blocks, a data table as rows', () => {
    const page = `<table><tr><td><a href="/">홈</a><br><a href="/d">국방</a><br><a href="/w">외교</a></td><td>
      <p>국방부는 28일 한미 연합훈련을 다음 달 실시한다고 밝혔다.</p><p>이번 훈련에는 양국 공군 전력 100여 대가 참가할 예정이다.</p>
      <table><tr><th>구분</th><th>전력</th></tr><tr><td>한국</td><td>F-35A<br>KF-16</td></tr></table></td></tr></table>`;
    expect(ingest(fileItem(page, 'html')).text).toBe([
      '국방부는 28일 한미 연합훈련을 다음 달 실시한다고 밝혔다.',
      '이번 훈련에는 양국 공군 전력 100여 대가 참가할 예정이다.',
      '구분 | 전력',
      '한국 | F-35A KF-16',
    ].join('\n'));
  });

  it('does not drop the whole page as chrome: a <form> around it, a state class on <html>', () => {
    const body = '<p>국방부는 28일 한미 연합훈련을 다음 달 실시한다고 밝혔다.</p><div class="sidebar">메뉴</div>';
    const aspx = ingest(fileItem(`<html><body><form id="aspnetForm">${body}</form></body></html>`, 'html'));
    expect(aspx.text).toBe('국방부는 28일 한미 연합훈련을 다음 달 실시한다고 밝혔다.');
    expect(aspx.removed).toEqual([{ reason: 'html:chrome(class=sidebar)', text: '메뉴' }]);
    const state = ingest(fileItem(`<html class="light sidebar-visible"><body>${body}</body></html>`, 'html'));
    expect(state.text).toBe('국방부는 28일 한미 연합훈련을 다음 달 실시한다고 밝혔다.');
    // A wrapper named like chrome but holding most of the text is not chrome either.
    const wrapped = ingest(fileItem(`<div class="share-wrap">${body}</div>`, 'html'));
    expect(wrapped.text).toBe('국방부는 28일 한미 연합훈련을 다음 달 실시한다고 밝혔다.');
  });

  it('refuses absurdly deep nesting with a clear message instead of overflowing the stack', () => {
    const deep = '<div>'.repeat(5000) + '<p>본문</p>' + '</div>'.repeat(5000);
    expect(() => ingest(fileItem(deep, 'html'))).toThrow(/\[doc\] ingest: HTML is nested 50\d\d elements deep; at most 1000 are read/);
  });

  it('falls back to <title> without its site name', () => {
    const page = (title: string) => `<html><head><title>${title}</title></head><body><p>국방부는 훈련을 실시한다고 밝혔다.</p></body></html>`;
    expect(ingest(fileItem(page('합참 "北 미사일 발사" - 가상일보'), 'html')).title).toBe('합참 "北 미사일 발사"');
    expect(ingest(fileItem(page('국방부, 훈련 실시 | 가상뉴스'), 'html')).title).toBe('국방부, 훈련 실시');
    expect(ingest(fileItem(page('한-미 국방장관 회담'), 'html')).title).toBe('한-미 국방장관 회담');
  });

  it('survives broken markup: unclosed and misnested tags, stray close tags, bare ampersands', () => {
    const broken = '<div><p>첫 문단은 닫히지 않았다<p>둘째 <b>문단 <i>굵게</b> 기울임</i> 끝</span></div></td>\n<p>AT&T와 R&D 협력 &copy 2024 &unknown;</p><p>마지막 <a href="x">링크';
    const { lines } = htmlToLines(broken);
    expect(lines.map((l) => l.text)).toEqual([
      '첫 문단은 닫히지 않았다',
      '둘째 문단 굵게 기울임 끝',
      'AT&T와 R&D 협력 © 2024 &unknown;',
      '마지막 링크',
    ]);
  });

  it('counts link text per line, which the link-density rule uses', () => {
    const { lines } = htmlToLines('<p>생생한 뉴스, <a href="https://example.kr">example.kr</a></p><p>긴 문장 안의 <a href="/x">링크</a>는 적다.</p>');
    expect(lines).toEqual([
      { text: '생생한 뉴스, example.kr', linkChars: 10 },
      { text: '긴 문장 안의 링크는 적다.', linkChars: 2 },
    ]);
    // A heading that is a permalink stays; the same link as a paragraph is navigation.
    const doc = ingest(fileItem('<h2><a href="#s1">훈련 개요</a></h2><p>국방부는 훈련을 실시한다고 밝혔다.</p><p><a href="/x">다른 기사</a></p>', 'html'));
    expect(doc.text).toBe('훈련 개요\n국방부는 훈련을 실시한다고 밝혔다.');
  });

  it('keeps <pre> line breaks and drops &nbsp;-only paragraphs', () => {
    const { lines } = htmlToLines('<p>&nbsp;</p><pre>첫 줄\n  둘째 줄</pre><p data-ke-size="size16">&nbsp;</p>');
    expect(lines.map((l) => l.text)).toEqual(['첫 줄', '둘째 줄']);
  });

  it('detects HTML inside .txt files by its tags, not by stray angle brackets', () => {
    expect(looksLikeHtml('<p>문단</p>\n<p>문단</p>')).toBe(true);
    expect(looksLikeHtml('양 장관은 논의를 진행해 나가기로 했습니다. <끝>\n<보도자료> 참조')).toBe(false);
    const txt = ingest(fileItem('<h2>소제목</h2>\n<p>국방부는 훈련을 실시했다.</p>', 'txt'));
    expect(txt.text).toBe('소제목\n국방부는 훈련을 실시했다.');
  });
});
