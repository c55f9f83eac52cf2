using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Tests.Support;

/// <summary>A Single point for tests: each implementation says who it is.</summary>
[ExtensionPoint("test.single", Activity.Review, CombineMode.Single, Description = "Test single point.")]
public interface ITestSingle
{
    string Name { get; }
}

/// <summary>A Chain point for tests.</summary>
[ExtensionPoint("test.chain", Activity.Application, CombineMode.Chain, Description = "Test chain point.")]
public interface ITestChain
{
    string Name { get; }
}

/// <summary>Marked as a point but never registered with the kernel.</summary>
[ExtensionPoint("test.unregistered", Activity.Execution, CombineMode.Single)]
public interface IUnregisteredPoint
{
    string Name { get; }
}

/// <summary>A second contract claiming the code of <see cref="ITestSingle"/>.</summary>
[ExtensionPoint("test.single", Activity.Review, CombineMode.Single)]
public interface ISameCodeAsTestSingle
{
    string Name { get; }
}
