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
}
