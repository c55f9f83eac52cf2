namespace ReversePaas.Host.Broker;

/// <summary>The broker could not be reached, or did not confirm a publish in time: nothing is known to be published.</summary>
internal sealed class BrokerUnavailableException(string message, Exception? inner) : Exception(message, inner);
