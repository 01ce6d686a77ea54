// Types for the part of kuromoji (IPADIC, Japanese) that hanlink uses; the package ships none.
declare module 'kuromoji' {
  export interface IpadicToken {
    word_position: number;
    surface_form: string;
    pos: string;
    pos_detail_1: string;
    pos_detail_2: string;
    pos_detail_3: string;
    basic_form: string;
    reading?: string;
    pronunciation?: string;
  }
  export interface Tokenizer {
    tokenize(text: string): IpadicToken[];
  }
  export function builder(options: { dicPath: string }): { build(callback: (err: Error | null, tokenizer: Tokenizer) => void): void };
}
