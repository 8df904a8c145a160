package io.quantumleap.gateway;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.netty.channel.EventLoopGroupConfiguration;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.scheduling.TaskExecutors;
import io.netty.channel.EventLoopGroup;
import io.quantumleap.engine.kite.rest.FreezeLimits;
import io.quantumleap.gateway.auth.AuthService;
import io.quantumleap.gateway.auth.GatewayAuthConfig;
import io.quantumleap.gateway.auth.JdbcUserStore;
import io.quantumleap.gateway.auth.LoginThrottle;
import io.quantumleap.gateway.auth.PasswordHasher;
import io.quantumleap.gateway.auth.SessionRegistry;
import io.quantumleap.gateway.auth.StoredSessionRegistry;
import io.quantumleap.gateway.auth.UserStore;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.orders.ClientOrderIds;
import io.quantumleap.gateway.runtime.BrokerRuntime;
import io.quantumleap.gateway.runtime.Deployment;
import io.quantumleap.gateway.runtime.EngineLink;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.runtime.HttpOnCoreThread;
import io.quantumleap.gateway.runtime.RemoteEngine;
import io.quantumleap.persistence.db.DatabaseContext;
import io.micronaut.json.JsonMapper;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.persistence.Storage;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The one place that assembles the plain-Java modules (engine, journal, persistence) for the HTTP shell. */
@Factory
class GatewayFactory
{
    @Singleton
    Clock clock()
    {
        return Clock.systemUTC();
    }

    /** The freeze quantities the instruments dump lacks: the defaults with {@value FreezeLimits#ENV_NAME}'s changes. */
    @Singleton
    FreezeLimits freezeLimits(@Value("${quantumleap.kite.freeze-limits:}") final String changes)
    {
        return FreezeLimits.withChanges(changes);
    }

    @Singleton
    LiveState liveState(final FreezeLimits freezeLimits)
    {
        return new LiveState(freezeLimits);
    }

    @Singleton
    Deployment deployment(
        @Value("${quantumleap.role}") final String role,
        @Value("${quantumleap.stream.host}") final String engineHost,
        @Value("${quantumleap.stream.port}") final int port,
        @Value("${quantumleap.stream.local-host}") final String localHost,
        @Value("${quantumleap.stream.aeron-dir:}") final String aeronDir)
    {
        return new Deployment(Deployment.Role.parse(role), engineHost, port, localHost, aeronDir);
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "quantumleap.role", value = "gateway")
    RemoteEngine remoteEngine(
        final LiveState live, final Deployment deployment,
        @Value("${quantumleap.data-dir}") final String dataDir,
        @Value("${quantumleap.db.url:}") final String dbUrl,
        @Value("${quantumleap.db.user:}") final String dbUser,
        @Value("${quantumleap.db.password:}") final String dbPassword)
    {
        if (dbUrl == null || dbUrl.isBlank())
        {
            throw new IllegalStateException("a gateway (role gateway) uses the engine's PostgreSQL: set QLEAP_DB_URL " +
                "(the engine prints it at start), QLEAP_DB_USER and QLEAP_DB_PASSWORD");
        }
        return RemoteEngine.start(Path.of(dataDir),
            new DatabaseContext().dataDir(Path.of(dataDir)).url(dbUrl).user(dbUser).password(dbPassword), deployment,
            live);
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "quantumleap.role", notEquals = "gateway")
    EngineRuntime engineRuntime(
        final EventLoopGroupRegistry eventLoops,
        final HttpOnCoreThread httpOnCore,
        final Deployment deployment,
        final LiveState live, final Clock clock, final FreezeLimits freezeLimits,
        @Value("${quantumleap.data-dir}") final String dataDir,
        @Value("${quantumleap.db.url:}") final String dbUrl,
        @Value("${quantumleap.db.user:}") final String dbUser,
        @Value("${quantumleap.db.password:}") final String dbPassword,
        @Value("${quantumleap.engine.wait-strategy:}") final String waitStrategy,
        @Value("${quantumleap.engine.journal-thread:}") final String journalThread,
        @Value("${quantumleap.engine.feed-thread:}") final String feedThread,
        @Value("${quantumleap.engine.follower-spin-us}") final long followerSpinUs,
        @Value("${quantumleap.engine.realtime-priority}") final int realtimePriority,
        @Value("${quantumleap.engine.core-reservation}") final String coreReservation,
        @Value("${micronaut.server.port}") final int httpPort,
        @Value("${quantumleap.kite.api-key:}") final String apiKey,
        @Value("${quantumleap.kite.api-secret:}") final String apiSecret,
        @Value("${quantumleap.kite.api-url}") final String apiUrl,
        @Value("${quantumleap.kite.ws-url}") final String wsUrl,
        @Value("${quantumleap.kite.login-url}") final String loginUrl,
        @Value("${quantumleap.kite.redirect-url:}") final String redirectUrl,
        @Value("${quantumleap.kite.positions-check-s}") final int positionsCheckSeconds,
        @Value("${quantumleap.sim.port}") final int simPort,
        @Value("${quantumleap.sim.instruments}") final int simInstruments,
        @Value("${quantumleap.sim.tick-rate}") final int simTickRate,
        @Value("${quantumleap.sim.volatility}") final double simVolatilityPercent,
        @Value("${quantumleap.sim.reversion-minutes}") final double simReversionMinutes,
        @Value("${quantumleap.sim.market-hours:false}") final boolean simMarketHours,
        @Value("${quantumleap.capture.enabled}") final boolean capture,
        @Value("${quantumleap.disk-reserve}") @ReadableBytes final long diskReserve)
    {
        final String callback = redirectUrl == null || redirectUrl.isBlank() ?
            "http://localhost:" + httpPort + "/api/broker/kite/callback" : redirectUrl;
        final BrokerRuntime.Settings broker = new BrokerRuntime.Settings(apiKey, apiSecret, apiUrl, wsUrl, loginUrl,
            callback, simPort, simInstruments, simTickRate, simVolatilityPercent / 100,
            simReversionMinutes, simMarketHours,
            Path.of(dataDir).resolve("sim").resolve("paper-broker.jsonl"),
            capture ? Path.of(dataDir).resolve("journal") : null, positionsCheckSeconds, freezeLimits);
        return EngineRuntime.start(
            new EngineRuntime.Settings(Path.of(dataDir), dbUrl, dbUser, dbPassword, waitStrategy, journalThread,
                feedThread, TimeUnit.MICROSECONDS.toNanos(followerSpinUs), realtimePriority, coreReservation, broker,
                deployment, diskReserve),
            live, clock, serverEventLoops(eventLoops).next(), httpOnCore.loop());
    }

    /**
     * The event loops the HTTP server serves its connections on: Micronaut's {@code default} group (the server's
     * worker loops when no other group is configured for them; {@code QLEAP_EVENT_LOOPS} of them, one by default), or
     * the core thread's loop in its place ({@link HttpOnCoreThread}).
     */
    private static EventLoopGroup serverEventLoops(final EventLoopGroupRegistry registry)
    {
        return registry.getEventLoopGroup(EventLoopGroupConfiguration.DEFAULT).orElseThrow(
            () -> new IllegalStateException("no Netty event loop group named '" + EventLoopGroupConfiguration.DEFAULT
                + "': the HTTP server and the gateway follower run on it; keep micronaut.netty.event-loops.default "
                + "in the configuration"));
    }

    @Singleton
    UserStore userStore(final EngineLink engine)
    {
        return new JdbcUserStore(engine.storage().users());
    }

    @Singleton
    Storage storage(final EngineLink engine)
    {
        return engine.storage();
    }

    @Singleton
    Audit audit(final Storage storage, final JsonMapper json, final Clock clock)
    {
        return new Audit(storage, json, clock);
    }

    @Singleton
    ClientOrderIds clientOrderIds(final Clock clock)
    {
        return new ClientOrderIds(clock);
    }

    @Singleton
    PasswordHasher passwordHasher()
    {
        return new PasswordHasher();
    }

    @Singleton
    LoginThrottle loginThrottle(final Clock clock, final GatewayAuthConfig config)
    {
        return new LoginThrottle(clock, config.getMaxFailuresPerUser(), config.getMaxFailuresPerAddress(),
            config.getLockout());
    }

    @Singleton
    SessionRegistry sessionRegistry(
        final Storage storage, final Clock clock, final GatewayAuthConfig config,
        @Named(TaskExecutors.BLOCKING) final Executor blocking)
    {
        return new StoredSessionRegistry(storage.sessions(), clock, config.getSessionRecheck(), blocking);
    }

    @Singleton
    AuthService authService(final UserStore users, final PasswordHasher hasher, final LoginThrottle throttle)
    {
        return new AuthService(users, hasher, throttle);
    }
}
