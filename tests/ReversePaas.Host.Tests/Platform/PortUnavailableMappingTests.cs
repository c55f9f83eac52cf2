using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Host.Problems;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// A <see cref="PortUnavailableException"/> that reaches the exception handler as it is: one thrown by an extension
/// the kernel calls during a request (an eligibility policy asking a system that is down, say), which is passed on
/// unwrapped (InvokeTests). The kernel's own port calls catch theirs (a receipt's call becomes a
/// TransientConflictException, a cancellation's interception waits for the background executor). Either way: a 503 to
/// retry, naming the system, never a 500.
/// </summary>
public sealed class PortUnavailableMappingTests
{
    [Fact]
    public async Task A_port_unavailable_exception_is_503_retry_later_naming_the_system_with_retry_after()
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new HostExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<HostExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();

        var handled = await handler.TryHandleAsync(context, new PortUnavailableException("logistics", "Carrier gateway timed out after 3 s."), CancellationToken.None);

        handled.Should().BeTrue();
        context.Response.StatusCode.Should().Be(StatusCodes.Status503ServiceUnavailable);
        context.Response.Headers.RetryAfter.ToString().Should().Be("5");
        context.Response.ContentType.Should().StartWith("application/problem+json");
        context.Response.Body.Position = 0;
        var problem = (await JsonDocument.ParseAsync(context.Response.Body)).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(503);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.RetryLater);
        problem.GetProperty("system").GetString().Should().Be("logistics");
        problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be(5);
        problem.GetProperty("detail").GetString().Should().StartWith("The logistics system could not be reached: Carrier gateway timed out after 3 s.");
    }
}
