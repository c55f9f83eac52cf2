using BenchmarkDotNet.Running;

namespace ReversePaas.Benchmarks;

public static class Program
{
    // Servers of OrderLockBenchmarks given as arguments instead of environment variables: BenchmarkDotNet runs each
    // benchmark in a child process, which inherits the environment but not these arguments.
    private static readonly Dictionary<string, string> ServerArguments = new(StringComparer.Ordinal)
    {
        ["--redis"] = "REVERSEPAAS_TEST_REDIS",
        ["--postgres"] = "REVERSEPAAS_TEST_POSTGRES",
    };

    // Runs whichever suites --filter selects, e.g.:
    //   dotnet run -c Release --project benchmarks/ReversePaas.Benchmarks -- --filter '*'
    //   dotnet run -c Release --project benchmarks/ReversePaas.Benchmarks -- --filter '*OrderLock*' --redis 127.0.0.1:6379 --postgres 'Host=…'
    public static void Main(string[] args)
    {
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (ServerArguments.TryGetValue(args[i], out var variable) && i + 1 < args.Length)
            {
                Environment.SetEnvironmentVariable(variable, args[++i]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest]);
    }
}
