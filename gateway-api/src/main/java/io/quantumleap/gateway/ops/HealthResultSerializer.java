package io.quantumleap.gateway.ops;

import io.micronaut.core.type.Argument;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Writes {@code /health} without the fields a caller may not see: the API writes absent fields as null
 * ({@code serde.serialization.inclusion: always}), which left an anonymous caller {@code "name":null,
 * "details":null} beside the status.
 */
@Singleton
final class HealthResultSerializer implements Serializer<HealthResult>
{
    private static final Argument<HealthStatus> STATUS = Argument.of(HealthStatus.class);

    @Override
    public void serialize(
        final Encoder encoder,
        final EncoderContext context,
        final Argument<? extends HealthResult> type,
        final HealthResult value) throws IOException
    {
        try (Encoder object = encoder.encodeObject(type))
        {
            if (null != value.getName())
            {
                object.encodeKey("name");
                object.encodeString(value.getName());
            }
            object.encodeKey("status");
            context.findSerializer(STATUS).createSpecific(context, STATUS)
                .serialize(object, context, STATUS, value.getStatus());
            if (null != value.getDetails())
            {
                object.encodeKey("details");
                final Argument<Object> details = Argument.OBJECT_ARGUMENT;
                context.findSerializer(details).createSpecific(context, details)
                    .serialize(object, context, details, value.getDetails());
            }
        }
    }
}
