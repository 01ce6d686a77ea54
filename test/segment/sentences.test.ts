import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../pipeline/segment/index.js';

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits after Korean final endings with a period', () => {
    expect(sentences('회의가 열렸다. 양국은 협력하기로 했어요. 결과는 좋음. 추진함. 다음 일정은?')).toEqual([
      '회의가 열렸다.',
      '양국은 협력하기로 했어요.',
      '결과는 좋음.',
      '추진함.',
      '다음 일정은?',
    ]);
  });

  it('splits on ? and ! followed by a space, and a final ending glued to the next sentence', () => {
    expect(sentences('정말인가? 그렇다! 확인했다.또한 발표했다.')).toEqual(['정말인가?', '그렇다!', '확인했다.', '또한 발표했다.']);
  });

  it('does not split decimals, dates or numbered dates', () => {
    const text = '장 차관은 7.24.(월) 오전 통화했다. 성장률은 3.5%였고 2023.07.24 발표됐다. 2023. 7. 24. 기준이다.';
    expect(sentences(text)).toEqual(['장 차관은 7.24.(월) 오전 통화했다.', '성장률은 3.5%였고 2023.07.24 발표됐다.', '2023. 7. 24. 기준이다.']);
  });

  it('keeps initials, dotted acronyms and abbreviations inside the sentence', () => {
    const text = '웬디 셔먼(Wendy R. Sherman) 부장관은 워싱턴 D.C.에서 U.S. 대표단과 만났다. Mr. Kim 대사도 참석했다.';
    expect(sentences(text)).toEqual(['웬디 셔먼(Wendy R. Sherman) 부장관은 워싱턴 D.C.에서 U.S. 대표단과 만났다.', 'Mr. Kim 대사도 참석했다.']);
  });

  it('splits English sentences inside Korean text', () => {
    expect(sentences('He said no. Then he left. 그는 떠났다.')).toEqual(['He said no.', 'Then he left.', '그는 떠났다.']);
  });

  it('does not split inside quotes, but a quote ending a sentence closes it', () => {
    const text = '장관은 “북한의 도발을 규탄한다. 협력을 강화하겠다”고 말했다. “우리는 준비됐다.” 그는 덧붙였다.';
    expect(sentences(text)).toEqual(['장관은 “북한의 도발을 규탄한다. 협력을 강화하겠다”고 말했다.', '“우리는 준비됐다.”', '그는 덧붙였다.']);
    expect(sentences("그는 '협상은 끝났다. 이제 행동할 때다'라고 밝혔다. 다음 문장이다.")).toEqual([
      "그는 '협상은 끝났다. 이제 행동할 때다'라고 밝혔다.",
      '다음 문장이다.',
    ]);
  });

  it('continues after a quote followed by a quotative particle or verb', () => {
    expect(sentences("'평화가 답이다.'라고 외친 장관은 떠났다. 끝이다.")).toEqual(["'평화가 답이다.'라고 외친 장관은 떠났다.", '끝이다.']);
    expect(sentences('그는 "정말이냐?" 하는 표정을 지었다. 다음 문장이다.')).toEqual(['그는 "정말이냐?" 하는 표정을 지었다.', '다음 문장이다.']);
  });

  it('splits between a closed quote and a new one glued to it', () => {
    expect(sentences('“협상은 끝났다.”“이제 행동할 때다.” 그는 말했다.')).toEqual(['“협상은 끝났다.”', '“이제 행동할 때다.”', '그는 말했다.']);
  });

  it('does not split on a bracketed remark', () => {
    expect(sentences('북한의 의도(?) 분석이 나왔다. 결과(!)는 놀라웠다.')).toEqual(['북한의 의도(?) 분석이 나왔다.', '결과(!)는 놀라웠다.']);
  });

  it('pairs a straight opening quote with a curly closing one', () => {
    expect(sentences('대변인은 "협상이 끝났다. 결과를 기다린다”며 말을 아꼈다.')).toEqual(['대변인은 "협상이 끝났다. 결과를 기다린다”며 말을 아꼈다.']);
  });

  it('ignores an unmatched quote instead of swallowing the rest of the line', () => {
    expect(sentences("한미 국방장관' 회의에서는 논의가 진행된다. 오는 30일 개최된다.")).toEqual([
      "한미 국방장관' 회의에서는 논의가 진행된다.",
      '오는 30일 개최된다.',
    ]);
  });

  it('treats each line as at most one sentence and drops bullets', () => {
    const text = '회의의 주요 의제\n- 북한군 러시아 파병에 대한 최근 평가\n□ 양 장관은 회담을 개최했습니다.\n○ 협력 강화\n▲북한 ▲확장억제 논의\n※ 참고 자료\n• 항목 하나';
    expect(sentences(text)).toEqual([
      '회의의 주요 의제',
      '북한군 러시아 파병에 대한 최근 평가',
      '양 장관은 회담을 개최했습니다.',
      '협력 강화',
      '북한 ▲확장억제 논의',
      '참고 자료',
      '항목 하나',
    ]);
  });

  it('keeps a negative number and list markers', () => {
    expect(sentences('-3도까지 떨어졌다.\n가. 추진 배경\n1. 개요')).toEqual(['-3도까지 떨어졌다.', '가. 추진 배경', '1. 개요']);
    expect(sentences('네. 알겠습니다.')).toEqual(['네.', '알겠습니다.']);
  });

  it('does not split on an ellipsis or inside a URL', () => {
    expect(sentences('그러나... 결과는 달랐다. https://www.korea.kr/briefing/view.do?newsId=1 참고.')).toEqual([
      '그러나... 결과는 달랐다.',
      'https://www.korea.kr/briefing/view.do?newsId=1 참고.',
    ]);
  });

  it('gives offsets into the original text, trimmed, across CRLF and blank lines', () => {
    const text = '  첫 문장이다.  둘째다.\r\n\r\n\t셋째 줄\n';
    const spans = splitSentences(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['첫 문장이다.', '둘째다.', '셋째 줄']);
    expect(spans[0].start).toBe(2);
  });

  it('splits a real press release into its sentences', () => {
    const text = readFileSync(new URL('../../seeds/002_269dde5413313624.txt', import.meta.url), 'utf8');
    const got = sentences(text);
    expect(got).toContain('장호진 외교부 1차관은 7.24.(월) 오전 웬디 셔먼(Wendy R. Sherman) 미국 국무부 부장관 및 모리 다케오(森 健良) 일본 외무성 사무차관과 통화를 갖고, 한미일 협력 강화 방안에 관해 협의하였습니다.');
    expect(got).toContain('(외교부, 2023.07.24)');
    expect(got).toContain('끝.');
    for (const s of got) expect(s).toBe(s.trim());
  });

  it('splits a real news passage with a heading and a list', () => {
    const text = readFileSync(new URL('../../seeds/000_b034ab33dfae76ad.txt', import.meta.url), 'utf8');
    const got = sentences(text);
    expect(got.slice(0, 5)).toEqual([
      '한미 국방장관 북한군 파병 긴급 회의 소집!',
      '한미 국방장관 회의 개요',
      "한미 국방장관' 회의에서는 북한군의 러시아 파병 대응 논의와 한미동맹의 국방 분야 협의가 진행된다.",
      '오는 30일 미국 워싱턴 D.C.에서 개최될 예정인 제56차 한미안보협의회의(SCM)는 김용현 장관과 로이드 오스틴 미 국방장관이 참석하여 중요한 이슈를 다룰 것입니다.',
      '이번 회의는 한미동맹의 발전과 전반적인 국방 분야 협력을 위한 중요한 자리로, 양측 국방과 외교 분야의 고위관계자들이 함께 참여하여 공동의 전략을 논의할 예정입니다.',
    ]);
    expect(got).toContain('북한군 러시아 파병에 대한 최근 평가');
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences(' \n\t\n')).toEqual([]);
  });
});
