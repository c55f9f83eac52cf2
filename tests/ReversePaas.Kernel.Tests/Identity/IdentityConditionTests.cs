using ReversePaas.Kernel.Identity;

namespace ReversePaas.Kernel.Tests.Identity;

public sealed class IdentityConditionTests
{
    private static readonly OrderTraits PopApp = new("Pop", "Normal", "App", new Dictionary<string, string> { ["userLevel"] = "gold" });

    [Fact]
    public void Null_and_empty_lists_place_no_constraint()
    {
        var condition = new IdentityCondition(venderType: [], orderType: null, channel: [], attributes: new Dictionary<string, IReadOnlyList<string>>());

        condition.MatchesEverything.Should().BeTrue();
        condition.VenderType.Should().BeNull();
        condition.Channel.Should().BeNull();
        condition.Attributes.Should().BeEmpty();
        condition.Matches(PopApp).Should().BeTrue();
    }

    [Fact]
    public void Any_constraint_means_it_no_longer_matches_everything()
    {
        new IdentityCondition(channel: ["App"]).MatchesEverything.Should().BeFalse();
        new IdentityCondition(attributes: new Dictionary<string, IReadOnlyList<string>> { ["userLevel"] = ["gold"] }).MatchesEverything.Should().BeFalse();
    }

    [Fact]
    public void Values_match_case_insensitively_but_never_by_prefix()
    {
        new IdentityCondition(venderType: ["pOP"]).Matches(PopApp).Should().BeTrue();
        new IdentityCondition(venderType: ["Po"]).Matches(PopApp).Should().BeFalse();
        new IdentityCondition(channel: ["App2"]).Matches(PopApp).Should().BeFalse();
        new IdentityCondition(attributes: new Dictionary<string, IReadOnlyList<string>> { ["userLevel"] = ["GOLD"] }).Matches(PopApp).Should().BeTrue();
    }

    [Fact]
    public void The_condition_keeps_its_own_copy_of_the_lists_it_was_given()
    {
        var venders = new List<string> { "Pop" };
        var levels = new List<string> { "gold" };
        var condition = new IdentityCondition(venderType: venders, attributes: new Dictionary<string, IReadOnlyList<string>> { ["userLevel"] = levels });

        venders[0] = "Self";
        levels[0] = "basic";

        condition.Matches(PopApp).Should().BeTrue();
        condition.VenderType.Should().Equal("Pop");
    }
}
