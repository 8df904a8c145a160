package io.quantumleap.engine.kite.rest;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of one {@link KiteRestClient} (one per account, since each account's orders must leave from its
 * own registered static IP). Set what differs from the defaults, then {@link #conclude()} validates.
 *
 * <p>Order egress, so that an account's calls leave from the static IP registered for it: either
 * {@link #egressProxy(InetSocketAddress)}, an HTTP proxy every call goes through (CONNECT for https), or
 * {@link #egressBindAddress(InetAddress)}, a local address every outgoing connection is bound to (through a
 * loopback-only forwarding proxy private to the client, since {@link java.net.http.HttpClient} cannot bind
 * a local address on JDK 17).
 */
public final class KiteRestContext
{
    /** Environment variable of the app's api_key; absent means "run against the simulator". */
    public static final String API_KEY_ENV = "KITE_API_KEY";
    /** Environment variable of the app's api_secret. */
    public static final String API_SECRET_ENV = "KITE_API_SECRET";
    /** Environment variable of the REST base URL. */
    public static final String API_URL_ENV = "KITE_API_URL";
    /** Environment variable of the login page URL. */
    public static final String LOGIN_URL_ENV = "KITE_LOGIN_URL";
    /** Environment variable of the order egress proxy, {@code host:port}. */
    public static final String ORDER_PROXY_ENV = "KITE_ORDER_PROXY";
    /** Environment variable of the order egress local bind address. */
    public static final String ORDER_BIND_ADDRESS_ENV = "KITE_ORDER_BIND_ADDRESS";

    /** Kite's REST base URL. */
    public static final String API_URL_DEFAULT = "https://api.kite.trade";
    /** Kite's login page. */
    public static final String LOGIN_URL_DEFAULT = "https://kite.zerodha.com/connect/login";
    /** Connect timeout default. */
    public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(3);
    /** Whole-request timeout default: longer means an order's outcome stays unknown longer. */
    public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(7);
    /**
     * Orders per minute default: 400 as the engine's requirements state; shared/kite/PROTOCOL.md quotes older
     * docs with 200, so set it lower for an account that still has that cap.
     */
    public static final int ORDERS_PER_MINUTE_DEFAULT = 400;
    /**
     * Longest an order waits for the client's rate limiter before it is refused locally: a window and its jitter
     * allowance, and some more. The core takes at most the per-second limit of orders in each calendar second, so a
     * burst across a second's end is at most twice the limit at once, whose last waits one window; shorter, orders
     * the engine had taken (and told the user so) were refused here.
     */
    public static final Duration MAX_ORDER_QUEUE_DELAY_DEFAULT = Duration.ofMillis(1_200);

    private String apiKey = "";
    private String apiSecret = "";
    private URI apiUrl = URI.create(API_URL_DEFAULT);
    private String loginUrl = LOGIN_URL_DEFAULT;
    private Duration connectTimeout = CONNECT_TIMEOUT_DEFAULT;
    private Duration requestTimeout = REQUEST_TIMEOUT_DEFAULT;
    private Duration maxOrderQueueDelay = MAX_ORDER_QUEUE_DELAY_DEFAULT;
    private InetSocketAddress egressProxy;
    private InetAddress egressBindAddress;
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private RateLimiter rateLimiter;
    private KiteSessionListener sessionListener = (exception, accessToken) -> {};

    /**
     * Reads the {@code KITE_*} variables; unset ones keep their defaults.
     *
     * @param env the environment, e.g. {@link System#getenv()}.
     * @return a context, not yet concluded.
     */
    public static KiteRestContext fromEnvironment(final Map<String, String> env)
    {
        final KiteRestContext context = new KiteRestContext();
        context.apiKey(env.getOrDefault(API_KEY_ENV, ""));
        context.apiSecret(env.getOrDefault(API_SECRET_ENV, ""));
        context.apiUrl(URI.create(env.getOrDefault(API_URL_ENV, API_URL_DEFAULT)));
        context.loginUrl(env.getOrDefault(LOGIN_URL_ENV, LOGIN_URL_DEFAULT));
        final String proxy = env.get(ORDER_PROXY_ENV);
        if (null != proxy && !proxy.isBlank())
        {
            final int colon = proxy.lastIndexOf(':');
            if (colon <= 0)
            {
                throw new IllegalArgumentException(ORDER_PROXY_ENV + ": expected host:port, was \"" + proxy + "\"");
            }
            context.egressProxy(InetSocketAddress.createUnresolved(
                proxy.substring(0, colon), Integer.parseInt(proxy.substring(colon + 1))));
        }
        final String bind = env.get(ORDER_BIND_ADDRESS_ENV);
        if (null != bind && !bind.isBlank())
        {
            try
            {
                context.egressBindAddress(InetAddress.getByName(bind));
            }
            catch (final java.net.UnknownHostException ex)
            {
                throw new IllegalArgumentException(ORDER_BIND_ADDRESS_ENV + ": not an address: \"" + bind + "\"", ex);
            }
        }
        return context;
    }

    /**
     * Validates the settings and fills derived defaults.
     *
     * @return this.
     * @throws IllegalStateException naming the setting that is wrong.
     */
    public KiteRestContext conclude()
    {
        if (null != egressProxy && null != egressBindAddress)
        {
            throw new IllegalStateException("order egress: set either a proxy or a bind address, not both");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero())
        {
            throw new IllegalStateException("connectTimeout must be > 0, was " + connectTimeout);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero())
        {
            throw new IllegalStateException("requestTimeout must be > 0, was " + requestTimeout);
        }
        if (null == rateLimiter)
        {
            rateLimiter = RateLimiter.kiteDefaults(nanoClock, ORDERS_PER_MINUTE_DEFAULT);
        }
        return this;
    }

    /**
     * @param apiKey the app's api_key.
     * @return this.
     */
    public KiteRestContext apiKey(final String apiKey)
    {
        this.apiKey = apiKey;
        return this;
    }

    /**
     * @return the app's api_key.
     */
    public String apiKey()
    {
        return apiKey;
    }

    /**
     * @param apiSecret the app's api_secret, used only for checksums.
     * @return this.
     */
    public KiteRestContext apiSecret(final String apiSecret)
    {
        this.apiSecret = apiSecret;
        return this;
    }

    /**
     * @return the app's api_secret.
     */
    public String apiSecret()
    {
        return apiSecret;
    }

    /**
     * @param apiUrl REST base URL.
     * @return this.
     */
    public KiteRestContext apiUrl(final URI apiUrl)
    {
        this.apiUrl = apiUrl;
        return this;
    }

    /**
     * @return REST base URL.
     */
    public URI apiUrl()
    {
        return apiUrl;
    }

    /**
     * @param loginUrl the login page URL.
     * @return this.
     */
    public KiteRestContext loginUrl(final String loginUrl)
    {
        this.loginUrl = loginUrl;
        return this;
    }

    /**
     * @return the login page URL.
     */
    public String loginUrl()
    {
        return loginUrl;
    }

    /**
     * @param connectTimeout TCP and TLS connect timeout.
     * @return this.
     */
    public KiteRestContext connectTimeout(final Duration connectTimeout)
    {
        this.connectTimeout = connectTimeout;
        return this;
    }

    /**
     * @return connect timeout.
     */
    public Duration connectTimeout()
    {
        return connectTimeout;
    }

    /**
     * @param requestTimeout whole-request timeout, headers to last body byte.
     * @return this.
     */
    public KiteRestContext requestTimeout(final Duration requestTimeout)
    {
        this.requestTimeout = requestTimeout;
        return this;
    }

    /**
     * @return request timeout.
     */
    public Duration requestTimeout()
    {
        return requestTimeout;
    }

    /**
     * @param maxOrderQueueDelay longest an order may wait for the rate limiter before being refused locally.
     * @return this.
     */
    public KiteRestContext maxOrderQueueDelay(final Duration maxOrderQueueDelay)
    {
        this.maxOrderQueueDelay = maxOrderQueueDelay;
        return this;
    }

    /**
     * @return longest wait of an order for the rate limiter.
     */
    public Duration maxOrderQueueDelay()
    {
        return maxOrderQueueDelay;
    }

    /**
     * @param egressProxy HTTP proxy every call of this client goes through, null for direct.
     * @return this.
     */
    public KiteRestContext egressProxy(final InetSocketAddress egressProxy)
    {
        this.egressProxy = egressProxy;
        return this;
    }

    /**
     * @return egress proxy, or null.
     */
    public InetSocketAddress egressProxy()
    {
        return egressProxy;
    }

    /**
     * @param egressBindAddress local address every connection of this client binds, null for any.
     * @return this.
     */
    public KiteRestContext egressBindAddress(final InetAddress egressBindAddress)
    {
        this.egressBindAddress = egressBindAddress;
        return this;
    }

    /**
     * @return egress bind address, or null.
     */
    public InetAddress egressBindAddress()
    {
        return egressBindAddress;
    }

    /**
     * @param nanoClock monotonic clock for the rate limiter.
     * @return this.
     */
    public KiteRestContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    /**
     * @param rateLimiter shared limiter; one per api_key, since Kite counts per key.
     * @return this.
     */
    public KiteRestContext rateLimiter(final RateLimiter rateLimiter)
    {
        this.rateLimiter = rateLimiter;
        return this;
    }

    /**
     * @return the rate limiter.
     */
    public RateLimiter rateLimiter()
    {
        return rateLimiter;
    }

    /**
     * @param sessionListener told when Kite says the token is no longer valid.
     * @return this.
     */
    public KiteRestContext sessionListener(final KiteSessionListener sessionListener)
    {
        this.sessionListener = sessionListener;
        return this;
    }

    /**
     * @return the session listener.
     */
    public KiteSessionListener sessionListener()
    {
        return sessionListener;
    }
}
