using BenchmarkDotNet.Running;

namespace ReversePaas.Benchmarks;

public static class Program
{
    // Runs whichever suites --filter selects, e.g.:
    //   dotnet run -c Release --project benchmarks/ReversePaas.Benchmarks -- --filter '*'
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
