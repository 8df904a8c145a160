/**
 * Per-stage latency of the event path, recorded without locks or allocation: one HdrHistogram recorder per
 * {@link io.quantumleap.engine.latency.LatencyStage} (interval histograms, recorder/reader pattern), the epoch
 * clock every stage reads, and {@link io.quantumleap.engine.latency.CoreTimestamps}, the side channel that tells
 * readers of the event stream when the core finished each command. Writers are the ring's producers and handlers,
 * the order router and the gateway; the reader is whatever reports the histograms.
 */
package io.quantumleap.engine.latency;
