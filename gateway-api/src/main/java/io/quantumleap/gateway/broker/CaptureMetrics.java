package io.quantumleap.gateway.broker;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.context.annotation.Requires;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.journal.capture.FrameCapture;
import jakarta.inject.Singleton;

/** The raw frame capture's counters as gauges, when capture is on. */
@Requires(beans = EngineRuntime.class)
@Singleton
final class CaptureMetrics
{
    private final MeterRegistry registry;
    private final EngineRuntime engine;

    CaptureMetrics(final MeterRegistry registry, final EngineRuntime engine)
    {
        this.registry = registry;
        this.engine = engine;
    }

    @EventListener
    void register(final StartupEvent event)
    {
        final FrameCapture capture = engine.broker().capture();
        if (capture == null)
        {
            return;
        }
        FunctionCounter.builder("qleap.capture.frames", capture, FrameCapture::capturedFrames)
            .description("Raw Kite ticker frames written to the capture queue").register(registry);
        FunctionCounter.builder("qleap.capture.dropped", capture, FrameCapture::droppedFrames)
            .description("Raw frames left out of the capture because its ring was full").register(registry);
        FunctionCounter.builder("qleap.capture.failed", capture, FrameCapture::failedFrames)
            .description("Raw frames the capture queue could not store (I/O errors)").register(registry);
    }
}
