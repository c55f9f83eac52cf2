using System.Globalization;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.PersonalData;

/// <summary>
/// The masked pickup address merchants (and risk control, and broker events) see: enough to recognise a pickup, not to
/// reach the customer. Characters are counted as text elements, so a Chinese name or an emoji is one character.
/// </summary>
internal static class PickupAddressMask
{
    /// <summary>Digits kept at the start of the phone.</summary>
    public const int PhoneHead = 3;

    /// <summary>Digits kept at the end of the phone.</summary>
    public const int PhoneTail = 4;

    /// <summary>Characters of the address kept before <see cref="AddressCut"/>.</summary>
    public const int AddressHead = 6;

    /// <summary>What replaces the rest of the address (its length is not disclosed).</summary>
    public const string AddressCut = "***";

    public static PickupAddressResponse Mask(PickupAddressResponse address) => new(Name(address.Name), Phone(address.Phone), Address(address.Address));

    /// <summary>The first character, then one <c>*</c> per further character: "张小明" → "张**".</summary>
    public static string Name(string name)
    {
        var characters = TextElements(name);
        return characters.Count == 0 ? "" : characters[0] + new string('*', characters.Count - 1);
    }

    /// <summary>
    /// The digits only (separators and <c>+</c> dropped), the first 3 and last 4 kept and every other one <c>*</c>:
    /// "+86 139-1234-5678" → "861******5678". A phone of fewer than 8 digits (validation refuses them) is all <c>*</c>.
    /// </summary>
    public static string Phone(string phone)
    {
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return digits.Length <= PhoneHead + PhoneTail
            ? new string('*', digits.Length)
            : string.Concat(digits.AsSpan(0, PhoneHead), new string('*', digits.Length - PhoneHead - PhoneTail), digits.AsSpan(digits.Length - PhoneTail));
    }

    /// <summary>The first 6 characters, then <c>***</c>.</summary>
    public static string Address(string address) => string.Concat(TextElements(address).Take(AddressHead)) + AddressCut;

    private static List<string> TextElements(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }
}
