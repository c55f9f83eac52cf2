namespace ReversePaas.Sdk.Tests;

public sealed class BusinessIdentityTests
{
    [Theory]
    [InlineData("retail")]
    [InlineData("retail.pop")]
    [InlineData("daojia.fresh-2")]
    [InlineData("a.b.c.d.e.f.g.h")]
    public void Valid_identities_parse_and_keep_their_text(string text)
    {
        BusinessIdentity.Parse(text).Value.Should().Be(text);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("Retail", "'R'")]
    [InlineData("retail.Pop", "'P'")]
    [InlineData("2retail", "'2'")]
    [InlineData("retail..pop", "empty segment")]
    [InlineData(".retail", "empty segment")]
    [InlineData("retail.", "ends with a dot")]
    [InlineData("retail pop", "' '")]
    [InlineData("retail.-pop", "'-'")]
    [InlineData("a.b.c.d.e.f.g.h.i", "9 segments")]
    public void Invalid_identities_are_refused_with_the_reason(string text, string reason)
    {
        BusinessIdentity.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain(reason);
        FluentActions.Invoking(() => BusinessIdentity.Parse(text)).Should().Throw<FormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Too_long_an_identity_is_refused()
    {
        var text = string.Join('.', Enumerable.Repeat(new string('a', 40), 4));

        BusinessIdentity.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain("128");
    }

    [Fact]
    public void Null_is_refused()
    {
        BusinessIdentity.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Default_is_the_root_and_the_value_of_an_uninitialised_identity()
    {
        BusinessIdentity.Parse("default").Should().Be(BusinessIdentity.Default);
        default(BusinessIdentity).IsDefault.Should().BeTrue();
        default(BusinessIdentity).Value.Should().Be("default");
        BusinessIdentity.Default.Depth.Should().Be(0);
        BusinessIdentity.Default.TryGetParent(out _).Should().BeFalse();
    }

    [Fact]
    public void The_parent_chain_ends_at_the_default()
    {
        BusinessIdentity.Parse("daojia.fresh.night").SelfAndAncestors().Select(i => i.Value).Should().Equal("daojia.fresh.night", "daojia.fresh", "daojia", "default");
        BusinessIdentity.Parse("daojia.fresh").Depth.Should().Be(2);
    }

    [Theory]
    [InlineData("retail", "retail.pop", true)]
    [InlineData("retail", "retail", true)]
    [InlineData("default", "retail.pop", true)]
    [InlineData("retail", "retailx.pop", false)]
    [InlineData("retail.pop", "retail", false)]
    [InlineData("retail.pop", "retail.popular", false)]
    public void Ancestry_is_by_whole_segments(string ancestor, string identity, bool expected)
    {
        BusinessIdentity.Parse(ancestor).IsSelfOrAncestorOf(BusinessIdentity.Parse(identity)).Should().Be(expected);
    }

    [Fact]
    public void Equality_and_hashing_are_ordinal_on_the_text()
    {
        var a = BusinessIdentity.Parse("retail.pop");
        var b = BusinessIdentity.Parse(string.Concat("retail", ".pop"));

        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a != BusinessIdentity.Parse("retail.self")).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.ToString().Should().Be("retail.pop");
    }
}
