//! Writes small ONNX models from code, so tests need no downloaded model.
//!
//! ONNX files are protobuf messages (`ModelProto`, onnx/onnx.proto3). We only need to *write* a handful
//! of fields, so this encodes the wire format directly instead of pulling in a protobuf code generator.
//! Field numbers below are those of onnx.proto3.

/// ONNX `TensorProto.DataType.FLOAT`.
pub const FLOAT: i64 = 1;
/// ONNX `TensorProto.DataType.INT64` (token ids and attention masks of BERT-shaped models).
pub const INT64: i64 = 7;

/// A graph node: `op_type(inputs) -> outputs`.
pub struct Node<'a> {
    pub op_type: &'a str,
    pub inputs: &'a [&'a str],
    pub outputs: &'a [&'a str],
}

/// A constant float tensor stored in the model.
pub struct Initializer<'a> {
    pub name: &'a str,
    pub dims: &'a [i64],
    pub values: &'a [f32],
}

/// A graph input or output: a tensor of element type `elem` ([`FLOAT`] or [`INT64`]) whose dimensions
/// are fixed sizes or named symbolic ones.
pub struct Io<'a> {
    pub name: &'a str,
    pub elem: i64,
    pub dims: &'a [Dim<'a>],
}

pub enum Dim<'a> {
    Fixed(i64),
    Symbolic(&'a str),
}

pub struct Graph<'a> {
    pub name: &'a str,
    pub nodes: &'a [Node<'a>],
    pub initializers: &'a [Initializer<'a>],
    pub inputs: &'a [Io<'a>],
    pub outputs: &'a [Io<'a>],
}

/// Encodes a `ModelProto` (IR version 8, default-domain opset 13) holding `graph`.
pub fn encode_model(graph: &Graph) -> Vec<u8> {
    let mut opset = Vec::new();
    bytes_field(&mut opset, 1, b"");
    varint_field(&mut opset, 2, 13);

    let mut model = Vec::new();
    varint_field(&mut model, 1, 8); // ir_version
    bytes_field(&mut model, 2, b"headroom"); // producer_name
    bytes_field(&mut model, 7, &encode_graph(graph));
    bytes_field(&mut model, 8, &opset);
    model
}

/// The model the foundation tests run: `Y = X · W + B` for `X: [batch, 3]`, `W: [3, 2]`, `B: [2]`.
pub fn affine_model() -> Vec<u8> {
    encode_model(&Graph {
        name: "affine",
        nodes: &[Node { op_type: "MatMul", inputs: &["X", "W"], outputs: &["XW"] }, Node { op_type: "Add", inputs: &["XW", "B"], outputs: &["Y"] }],
        initializers: &[Initializer { name: "W", dims: &[3, 2], values: &AFFINE_W }, Initializer { name: "B", dims: &[2], values: &AFFINE_B }],
        inputs: &[Io { name: "X", elem: FLOAT, dims: &[Dim::Symbolic("batch"), Dim::Fixed(3)] }],
        outputs: &[Io { name: "Y", elem: FLOAT, dims: &[Dim::Symbolic("batch"), Dim::Fixed(2)] }],
    })
}

/// Weights of [`affine_model`], public so tests can compute the expected output independently.
pub const AFFINE_W: [f32; 6] = [1.0, -1.0, 0.5, 2.0, -2.0, 0.25];
pub const AFFINE_B: [f32; 2] = [0.5, -3.0];

fn encode_graph(g: &Graph) -> Vec<u8> {
    let mut out = Vec::new();
    for node in g.nodes {
        let mut n = Vec::new();
        for i in node.inputs {
            bytes_field(&mut n, 1, i.as_bytes());
        }
        for o in node.outputs {
            bytes_field(&mut n, 2, o.as_bytes());
        }
        bytes_field(&mut n, 4, node.op_type.as_bytes());
        bytes_field(&mut out, 1, &n);
    }
    bytes_field(&mut out, 2, g.name.as_bytes());
    for init in g.initializers {
        let mut t = Vec::new();
        for &d in init.dims {
            varint_field(&mut t, 1, d as u64);
        }
        varint_field(&mut t, 2, FLOAT as u64);
        bytes_field(&mut t, 8, init.name.as_bytes());
        let raw: Vec<u8> = init.values.iter().flat_map(|v| v.to_le_bytes()).collect();
        bytes_field(&mut t, 9, &raw);
        bytes_field(&mut out, 5, &t);
    }
    for io in g.inputs {
        bytes_field(&mut out, 11, &encode_value_info(io));
    }
    for io in g.outputs {
        bytes_field(&mut out, 12, &encode_value_info(io));
    }
    out
}

fn encode_value_info(io: &Io) -> Vec<u8> {
    let mut shape = Vec::new();
    for d in io.dims {
        let mut dim = Vec::new();
        match d {
            Dim::Fixed(v) => varint_field(&mut dim, 1, *v as u64),
            Dim::Symbolic(name) => bytes_field(&mut dim, 2, name.as_bytes()),
        }
        bytes_field(&mut shape, 1, &dim);
    }
    let mut tensor_type = Vec::new();
    varint_field(&mut tensor_type, 1, io.elem as u64);
    bytes_field(&mut tensor_type, 2, &shape);
    let mut type_proto = Vec::new();
    bytes_field(&mut type_proto, 1, &tensor_type);
    let mut vi = Vec::new();
    bytes_field(&mut vi, 1, io.name.as_bytes());
    bytes_field(&mut vi, 2, &type_proto);
    vi
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn varint_field(out: &mut Vec<u8>, field: u64, v: u64) {
    varint(out, field << 3);
    varint(out, v);
}

fn bytes_field(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    varint(out, (field << 3) | 2);
    varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_follow_the_protobuf_encoding() {
        let mut out = Vec::new();
        varint(&mut out, 300);
        assert_eq!(out, [0xac, 0x02]);
    }

    #[test]
    fn model_starts_with_ir_version_and_is_deterministic() {
        let m = affine_model();
        assert_eq!(&m[..2], &[0x08, 8]);
        assert_eq!(m, affine_model());
    }
}
