namespace ReversePaas.Kernel.Extensions.Fields;

/// <summary>One way a plugin's fields break its schema.</summary>
/// <param name="Path">
/// Where inside the plugin's value, as the client wrote it: <c>""</c> for the value itself, <c>.giftWrap.note</c> or
/// <c>.items[2]</c> below it; appended to <c>extensions.&lt;pluginId&gt;</c> to name the field in a 400.
/// </param>
/// <param name="Reason">What is wrong, in words.</param>
public sealed record FieldViolation(string Path, string Reason);
