package io.quantumleap.engine.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * System properties a test sets, each put back as it was after the test: registered with
 * {@code @RegisterExtension final SystemProperties properties = new SystemProperties();}.
 */
public final class SystemProperties implements AfterEachCallback
{
    private final Map<String, String> before = new LinkedHashMap<>();

    /** Sets {@code name} to {@code value} for this test. */
    public void set(final String name, final String value)
    {
        if (!before.containsKey(name))
        {
            before.put(name, System.getProperty(name));
        }
        System.setProperty(name, value);
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        before.forEach((name, value) ->
        {
            if (null == value)
            {
                System.clearProperty(name);
            }
            else
            {
                System.setProperty(name, value);
            }
        });
        before.clear();
    }
}
