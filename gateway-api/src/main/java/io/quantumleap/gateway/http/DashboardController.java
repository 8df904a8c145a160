package io.quantumleap.gateway.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Serves the built dashboard: its files as they are, and {@code index.html} for every other page path, so the
 * dashboard's own routes survive a reload. An API, WebSocket or ops path that comes here has no route: a 404
 * naming it, as {@link RouteMissFilter} answers other methods.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
final class DashboardController
{
    private final Path root;

    DashboardController(@Value("${quantumleap.dashboard-dir}") final String dashboardDir)
    {
        this.root = Path.of(dashboardDir).toAbsolutePath().normalize();
    }

    @Get
    HttpResponse<?> index()
    {
        return file("index.html");
    }

    @Get("/{+path}")
    HttpResponse<?> page(@PathVariable final String path, final HttpRequest<?> request)
    {
        if (path.startsWith("api/") || path.equals("api") || path.startsWith("ws") || path.startsWith("metrics") ||
            path.startsWith("health"))
        {
            throw ApiException.notFound(noSuchPath(request.getPath()));
        }
        final Path file;
        try
        {
            file = root.resolve(path).normalize();
        }
        catch (final InvalidPathException ex)
        {
            // A path no file can have (a NUL byte) names no page either.
            return HttpResponse.notFound();
        }
        if (file.startsWith(root) && Files.isRegularFile(file))
        {
            final MutableHttpResponse<?> response = HttpResponse.ok(new SystemFile(file.toFile()));
            return path.startsWith("assets/") ?
                response.header("Cache-Control", "public, max-age=31536000, immutable") : response;
        }
        final String last = path.substring(path.lastIndexOf('/') + 1);
        return last.contains(".") ? HttpResponse.notFound() : file("index.html");
    }

    /** What a 404 for a path no route of the API has says. */
    static String noSuchPath(final String path)
    {
        return "no such path: " + path;
    }

    private HttpResponse<?> file(final String name)
    {
        final Path file = root.resolve(name);
        if (!Files.isRegularFile(file))
        {
            return HttpResponse.ok("QuantumLeap is running. The dashboard is not built yet: run ./qleap build " +
                "(needs Node 20+), or use the API under /api.").contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        return HttpResponse.ok(new SystemFile(file.toFile())).header("Cache-Control", "no-cache");
    }
}
