namespace ReversePaas.Host.Tests.Broker;

/// <summary>
/// The RabbitMQ node that eng/test.sh starts (eng/start-rabbitmq.sh). A missing node fails the test, never skips it:
/// CI must run the broker suites.
/// </summary>
public static class TestRabbitMq
{
    public static Uri Uri => Environment.GetEnvironmentVariable("REVERSEPAAS_TEST_RABBITMQ") is { Length: > 0 } uri
        ? new Uri(uri)
        : throw new InvalidOperationException("REVERSEPAAS_TEST_RABBITMQ is not set: run the suite with ./eng/test.sh, which starts rabbitmq-server.");
}
