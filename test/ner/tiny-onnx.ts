// Builds a tiny ONNX token-classification model, with its config.json and tokenizer.json, that
// @huggingface/transformers loads like any exported model: the graph is one Gather from a
// per-token logit table (vocab × labels), the tokenizer a character-level WordPiece. The ONNX
// protobuf is written with protobufjs from the few onnx.proto3 messages it needs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';

const ONNX_PROTO = {
  nested: {
    onnx: {
      nested: {
        ModelProto: { fields: { ir_version: { type: 'int64', id: 1 }, producer_name: { type: 'string', id: 2 }, graph: { type: 'GraphProto', id: 7 }, opset_import: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 } } },
        OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 }, name: { type: 'string', id: 2 }, initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 }, output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 }, output: { rule: 'repeated', type: 'string', id: 2 }, name: { type: 'string', id: 3 },
            op_type: { type: 'string', id: 4 }, attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
          },
        },
        AttributeProto: { fields: { name: { type: 'string', id: 1 }, i: { type: 'int64', id: 3 }, type: { type: 'int32', id: 20 } } },
        TensorProto: { fields: { dims: { rule: 'repeated', type: 'int64', id: 1 }, data_type: { type: 'int32', id: 2 }, float_data: { rule: 'repeated', type: 'float', id: 4, options: { packed: true } }, name: { type: 'string', id: 8 } } },
        ValueInfoProto: { fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } } },
        TypeProto: { fields: { tensor_type: { type: 'TensorTypeProto', id: 1 } } },
        TensorTypeProto: { fields: { elem_type: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } } },
        TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
        Dimension: { oneofs: { value: { oneof: ['dim_value', 'dim_param'] } }, fields: { dim_value: { type: 'int64', id: 1 }, dim_param: { type: 'string', id: 2 } } },
      },
    },
  },
};

const FLOAT = 1, INT64 = 7, ATTR_INT = 2;

/**
 * Writes the model folder. `tags` maps characters to a label; every other character (and
 * [UNK]) is labelled O. Label logits are 4 for the chosen label and 0 elsewhere.
 */
export function buildTinyTokenClassifier(dir: string, tags: Record<string, string>): void {
  const labels = ['O', ...new Set(Object.values(tags))];
  const vocab = ['[PAD]', '[UNK]', ...Object.keys(tags)];
  const table: number[] = [];
  for (const tok of vocab) for (const label of labels) table.push(label === (tags[tok] ?? 'O') ? 4 : 0);

  const root = protobuf.Root.fromJSON(ONNX_PROTO);
  const Model = root.lookupType('onnx.ModelProto');
  const tensorType = (elem: number, dims: (number | string)[]) => ({
    tensor_type: { elem_type: elem, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) } },
  });
  const model = Model.fromObject({
    ir_version: 8,
    producer_name: 'hanlink-test',
    opset_import: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny-token-classifier',
      node: [{ input: ['table', 'input_ids'], output: ['logits'], name: 'lookup', op_type: 'Gather', attribute: [{ name: 'axis', i: 0, type: ATTR_INT }] }],
      initializer: [{ name: 'table', dims: [vocab.length, labels.length], data_type: FLOAT, float_data: table }],
      input: [{ name: 'input_ids', type: tensorType(INT64, ['batch', 'sequence']) }],
      output: [{ name: 'logits', type: tensorType(FLOAT, ['batch', 'sequence', labels.length]) }],
    },
  });
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), Model.encode(model).finish());

  const id2label = Object.fromEntries(labels.map((l, i) => [String(i), l]));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({
    model_type: 'bert', architectures: ['BertForTokenClassification'], id2label, label2id: Object.fromEntries(labels.map((l, i) => [l, i])), vocab_size: vocab.length,
  }));
  const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify({
    version: '1.0', truncation: null, padding: null,
    added_tokens: [special(0, '[PAD]'), special(1, '[UNK]')],
    normalizer: null,
    // Words, then single characters: a character-level tokenizer.
    pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'WhitespaceSplit' }, { type: 'FixedLength', length: 1 }] },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: false },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
  }));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ tokenizer_class: 'BertTokenizer', model_max_length: 512, pad_token: '[PAD]', unk_token: '[UNK]', do_lower_case: false }));
}
