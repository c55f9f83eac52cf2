using System.Globalization;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Extensions.DaojiaFresh;

/// <summary>
/// Perishables cannot be resold after a day: no return of a delivered fresh order later than
/// <see cref="WindowHoursSetting"/> (24) hours after delivery. A refund without return is still possible.
/// </summary>
[Extension("daojia-fresh.perishable-return-window", Identities = ["daojia.fresh"], Priority = 20, Description = "No returns of perishables more than 24 h after delivery (setting perishables.returnWindowHours).")]
public sealed class PerishableReturnWindowRule : IApplicationInterceptor
{
    /// <summary>Setting: hours after delivery a perishable can still be returned.</summary>
    public const string WindowHoursSetting = "perishables.returnWindowHours";

    /// <inheritdoc />
    public ApplicationVerdict Inspect(ApplicationContext context)
    {
        if (context.Type != AfterSaleType.ReturnRefund || context.Order.Status != OrderStatus.Completed || context.Order.CompletedAt is not { } delivered)
        {
            return ApplicationVerdict.Accept;
        }

        var hours = context.Settings.GetInt32(WindowHoursSetting, 24);
        return context.Now <= delivered.AddHours(hours)
            ? ApplicationVerdict.Accept
            : ApplicationVerdict.Reject(string.Create(CultureInfo.InvariantCulture,
                $"Perishables are not taken back more than {hours} h after delivery (delivered {delivered:yyyy-MM-dd HH:mm} UTC); apply for a refund without return instead."));
    }
}
