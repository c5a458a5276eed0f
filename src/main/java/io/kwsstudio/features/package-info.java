/**
 * Audio features for keyword spotting, numerically compatible with TensorFlow's speech_commands
 * preprocessing, with no UI dependencies.
 *
 * <ul>
 *   <li>{@link io.kwsstudio.features.FeatureConfig} / {@link io.kwsstudio.features.FeatureKind}: what to compute
 *       (reference flag names, JSON, validation, fingerprint).</li>
 *   <li>{@link io.kwsstudio.features.FeatureExtractor}: one clip to a frames x bins matrix, fast and
 *       allocation-free; {@link io.kwsstudio.features.BatchFeatures}: many clips on several threads.</li>
 *   <li>{@link io.kwsstudio.features.Spectrogram}, {@link io.kwsstudio.features.MelFilterbank},
 *       {@link io.kwsstudio.features.Dct}, {@link io.kwsstudio.features.Mfcc}: the TF kernels one frame at a
 *       time in double precision; the reference the golden tests and the fast path are checked against.</li>
 *   <li>{@link io.kwsstudio.features.FeatureCache}: features on disk keyed by clip content and settings.</li>
 *   <li>{@link io.kwsstudio.features.NpyWriter} / {@link io.kwsstudio.features.NpyReader}: NumPy .npy files.</li>
 *   <li>{@link io.kwsstudio.features.FeatureBenchmark}: throughput, compared with bench/numpy_features.py.</li>
 * </ul>
 */
package io.kwsstudio.features;
