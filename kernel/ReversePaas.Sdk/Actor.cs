namespace ReversePaas.Sdk;

/// <summary>Who did something: a role and its subject (userId for users, venderId for merchants).</summary>
public sealed class Actor
{
    /// <summary>Creates an actor.</summary>
    public Actor(ActorRole role, string subject)
    {
        Role = role;
        Subject = subject;
    }

    /// <summary>The kernel itself (timeouts, background execution).</summary>
    public static Actor Kernel { get; } = new(ActorRole.System, "kernel");

    /// <summary>The role.</summary>
    public ActorRole Role { get; }

    /// <summary>userId for <see cref="ActorRole.User"/>, venderId for <see cref="ActorRole.Merchant"/>, else a key's subject.</summary>
    public string Subject { get; }

    /// <summary><c>Role:subject</c>, as written in timelines.</summary>
    public override string ToString() => $"{Role}:{Subject}";
}
