using System.Diagnostics;
using System.Reflection;
using ReversePaas.Kernel.Telemetry;

namespace ReversePaas.Host.Telemetry;

/// <summary>
/// A port (payment, WMS, logistics, inventory, settlement) whose every call is a span of <see cref="KernelTracing.Ports"/>
/// named <c>port &lt;Port&gt;.&lt;Method&gt;</c>, ended when the call's task ends. Registered only on a host that records
/// traces: the call goes through reflection, which costs a little against an I/O call, and nothing when untraced.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1852:Seal internal types", Justification = "DispatchProxy derives the proxy from it at run time.")]
internal class TracedPort : DispatchProxy
{
    private object _target = null!;
    private string _portName = "";

    public static object Wrap(Type port, object target)
    {
        var proxy = (TracedPort)Create(port, typeof(TracedPort));
        proxy._target = target;
        proxy._portName = port.Name.StartsWith('I') ? port.Name[1..] : port.Name;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var previous = Activity.Current;
        var activity = KernelTracing.Ports.StartActivity(ActivityKind.Client, name: $"port {_portName}.{targetMethod.Name}");
        activity?.SetTag("reversepaas.port", _portName);
        object? result;
        try
        {
            result = targetMethod.Invoke(_target, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.Dispose();
            throw;
        }
        finally
        {
            // The call's own async flow keeps the span as its parent; the caller goes on under its own.
            Activity.Current = previous;
        }

        if (activity is null)
        {
            return result;
        }

        if (result is Task task)
        {
            task.ContinueWith(static (t, state) =>
            {
                var span = (Activity)state!;
                if (t.IsFaulted)
                {
                    span.SetStatus(ActivityStatusCode.Error, t.Exception?.InnerException?.Message);
                }

                span.Dispose();
            }, activity, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            activity.Dispose();
        }

        return result;
    }
}
