export { countTokens, countTokensBatch } from './tokens.js';
export type { TokenCount, TokenEncoding } from './tokens.js';
export { runOnnxModel, findOnnxRuntime } from './onnx-runtime.js';
export type { Tensor } from './onnx-runtime.js';
export { HeadroomError } from './errors.js';
export type { HeadroomErrorCode } from './errors.js';
