namespace ReversePaas.Host.Ports;

/// <summary>
/// Marks a class as an implementation of the port(s) it implements, chosen when <c>Ports:&lt;System&gt;:Mode</c> names
/// <see cref="Mode"/>. A real adapter is such a class and that configuration line; nothing else is registered by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class PortAdapterAttribute(string mode) : Attribute
{
    public string Mode { get; } = mode;
}
