export { kompress, kompressSync, kompressAvailable, loadKompressModel, NO_MODEL } from './kompress.js';
export type { KompressOptions, KompressResult } from './kompress.js';
export { DEFAULT_KOMPRESS_MODEL, modelsDir, isModelDir, resolveKompressModel } from './locate.js';
export { KOMPRESS_MODELS, MANIFEST, modelSpec, isOffline, pullModel, listModels } from './models.js';
export type { ModelFile, ModelSpec, PullOptions, PullProgress, PullResult, PulledFile, InstalledModel } from './models.js';
export { pullOnnxRuntime } from './runtime-pull.js';
export type { RuntimePullOptions, RuntimePullResult } from './runtime-pull.js';
