namespace ReversePaas.Tests.Processes;

/// <summary>
/// The last lines a process wrote, for failure messages and the test log. Bounded, so that a chatty process (a host
/// logging every request through a long drill) cannot grow the test process's memory; thread-safe, because stdout and
/// stderr lines arrive on different threads.
/// </summary>
public sealed class OutputLines(int capacity = OutputLines.DefaultCapacity)
{
    /// <summary>How many lines are kept unless the owner asks for another number.</summary>
    public const int DefaultCapacity = 400;

    private readonly Queue<string> _lines = new();

    /// <summary>Adds a line, dropping the oldest beyond the capacity; null (the end of a stream) is ignored.</summary>
    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The kept lines, oldest first, joined by <c>\n</c>.</summary>
    public override string ToString()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines);
        }
    }
}
