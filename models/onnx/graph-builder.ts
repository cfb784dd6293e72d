/**
 * A small builder for ONNX graphs on top of onnx-proto's generated protobuf types. No package
 * writes ONNX from TypeScript at this level, so the exporters describe their graphs with this.
 */
import { onnx } from "onnx-proto";
import type { TensorSpec, TensorType } from "../manifest-schema";

const AttributeType = onnx.AttributeProto.AttributeType;
const DataType = onnx.TensorProto.DataType;
const utf8 = new TextEncoder();

/** A node attribute (built with the `attribute` helpers so that ints and floats stay apart). */
export type Attribute = onnx.IAttributeProto;

/** Typed constructors for node attributes. */
export const attribute = {
  int: (name: string, value: number): Attribute => ({ name, type: AttributeType.INT, i: value }),
  ints: (name: string, values: readonly number[]): Attribute => ({
    name,
    type: AttributeType.INTS,
    ints: [...values],
  }),
  float: (name: string, value: number): Attribute => ({ name, type: AttributeType.FLOAT, f: value }),
  floats: (name: string, values: readonly number[]): Attribute => ({
    name,
    type: AttributeType.FLOATS,
    floats: [...values],
  }),
  string: (name: string, value: string): Attribute => ({
    name,
    type: AttributeType.STRING,
    s: utf8.encode(value),
  }),
  strings: (name: string, values: readonly string[]): Attribute => ({
    name,
    type: AttributeType.STRINGS,
    strings: values.map((v) => utf8.encode(v)),
  }),
  graph: (name: string, value: onnx.IGraphProto): Attribute => ({
    name,
    type: AttributeType.GRAPH,
    g: value,
  }),
};

const ELEMENT_TYPES: Record<TensorType, onnx.TensorProto.DataType> = {
  float32: DataType.FLOAT,
  int64: DataType.INT64,
  string: DataType.STRING,
};

/** Options of one node. */
export interface NodeOptions {
  /** Operator domain: "" (ai.onnx, the default), "ai.onnx.ml" or "com.microsoft". */
  readonly domain?: string;
  /** Output names; by default one fresh name. */
  readonly outputs?: readonly string[];
}

/** Collects nodes and constants of one graph, naming intermediate values deterministically. */
export class GraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private counter = 0;

  /** Starts a graph called `name` (node and value names are prefixed with it). */
  constructor(private readonly name: string) {}

  /** A float32 constant of the given shape; returns its name. */
  floats(label: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.initializer(label, { dataType: DataType.FLOAT, dims: [...dims], floatData: [...values] });
  }

  /** A float64 constant of the given shape; returns its name. */
  doubles(label: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.initializer(label, { dataType: DataType.DOUBLE, dims: [...dims], doubleData: [...values] });
  }

  /** An int64 constant of the given shape; returns its name. */
  int64s(label: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.initializer(label, { dataType: DataType.INT64, dims: [...dims], int64Data: [...values] });
  }

  /** Adds a node and returns its output names. */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: readonly Attribute[] = [],
    options: NodeOptions = {},
  ): string[] {
    const id = this.counter++;
    const outputs = options.outputs ? [...options.outputs] : [`${this.name}_${opType}_${id}`];
    this.nodes.push({
      name: `${this.name}_${opType}_${id}`,
      opType,
      domain: options.domain ?? "",
      input: [...inputs],
      output: outputs,
      attribute: [...attributes],
    });
    return outputs;
  }

  /** Adds a node with one output and returns its name. */
  op(
    opType: string,
    inputs: readonly string[],
    attributes: readonly Attribute[] = [],
    options: NodeOptions = {},
  ): string {
    return this.node(opType, inputs, attributes, options)[0];
  }

  /** The finished graph with the given inputs and outputs. */
  build(inputs: readonly TensorSpec[], outputs: readonly TensorSpec[]): onnx.IGraphProto {
    return {
      name: this.name,
      node: this.nodes,
      initializer: this.initializers,
      input: inputs.map(valueInfo),
      output: outputs.map(valueInfo),
    };
  }

  private initializer(label: string, tensor: onnx.ITensorProto): string {
    const name = `${this.name}_${label}`;
    if (this.initializers.some((t) => t.name === name)) throw new Error(`duplicate constant ${name}`);
    this.initializers.push({ name, ...tensor });
    return name;
  }
}

/** The ONNX value info of a tensor spec ("N" becomes a symbolic batch dimension). */
export function valueInfo(spec: TensorSpec): onnx.IValueInfoProto {
  return {
    name: spec.name,
    type: {
      tensorType: {
        elemType: ELEMENT_TYPES[spec.type],
        shape: { dim: spec.shape.map((d) => (d === "N" ? { dimParam: "N" } : { dimValue: d })) },
      },
    },
  };
}

/** Operator sets the Helios graphs use; TreeEnsembleRegressor needs ai.onnx.ml <= 4 in onnxruntime. */
export const OPSETS = [
  { domain: "", version: 21 },
  { domain: "ai.onnx.ml", version: 3 },
  { domain: "com.microsoft", version: 1 },
] as const;

/** Serialises a graph as an ONNX model (IR version 10; no timestamps, so the bytes are deterministic). */
export function encodeModel(graph: onnx.IGraphProto, docString: string): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 10,
    producerName: "helios-train",
    producerVersion: "1",
    domain: "helios",
    modelVersion: 1,
    docString,
    opsetImport: OPSETS.map((o) => ({ ...o })),
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
