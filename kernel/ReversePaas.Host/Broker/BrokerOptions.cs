namespace ReversePaas.Host.Broker;

/// <summary>The message broker (<c>RabbitMq</c> section, API.md "Events on a message broker").</summary>
internal sealed class BrokerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RabbitMq";

    /// <summary>The AMQP URI (<c>RabbitMq:Uri</c>); empty: no broker, and none of the broker's code runs.</summary>
    public string Uri { get; set; } = "";

    /// <summary>How long one connect or one confirmed publish may take before it counts as a broker outage.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often an inbound message that fails for a passing reason (a busy order, a system or the database away, a
    /// failing plugin) is tried before it goes to the dead-letter queue (<c>RabbitMq:InboundMaxAttempts</c>).
    /// </summary>
    public int InboundMaxAttempts { get; set; } = 10;
}
