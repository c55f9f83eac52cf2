using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReversePaas.Kernel.Orders;

namespace ReversePaas.Persistence;

/// <summary>Tables <c>orders</c>, <c>order_lines</c>, <c>order_discounts</c>; the ledger lives on the order row.</summary>
internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders");
        order.HasKey(o => o.OrderId);
        order.Property(o => o.OrderId).HasMaxLength(64);
        order.Property(o => o.UserId).HasMaxLength(64);
        order.Property(o => o.VenderId).HasMaxLength(64);
        order.Property(o => o.VenderType).HasMaxLength(32);
        order.Property(o => o.OrderType).HasMaxLength(32);
        order.Property(o => o.Channel).HasMaxLength(32);
        order.Property(o => o.Currency).HasMaxLength(3);
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(24);
        order.Property(o => o.WarehouseStage).HasConversion<string>().HasMaxLength(16);
        order.Property(o => o.BusinessIdentity).HasMaxLength(128);
        order.Property(o => o.Fingerprint).HasMaxLength(64);
        order.Property(o => o.Attributes).HasConversion(JsonColumn.DictionaryConverter, JsonColumn.DictionaryComparer);
        // The fence behind the order lock: a write based on a stale read of the ledger fails.
        order.Property(o => o.Version).IsConcurrencyToken();
        order.OwnsOne(o => o.Ledger, ledger =>
        {
            ledger.Property(l => l.Paid).HasColumnName("ledger_paid");
            ledger.Property(l => l.Refunded).HasColumnName("ledger_refunded");
            ledger.Property(l => l.Reserved).HasColumnName("ledger_reserved");
        });
        order.Navigation(o => o.Ledger).IsRequired();
        order.HasIndex(o => o.UserId);
        order.HasIndex(o => o.VenderId);
        // The unpaid-timeout sweep: pending-payment orders by registration time.
        order.HasIndex(o => new { o.Status, o.CreatedAt });

        order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
        order.Navigation(o => o.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        order.HasMany(o => o.Discounts).WithOne().HasForeignKey(d => d.OrderId);
        order.Navigation(o => o.Discounts).HasField("_discounts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public static void ConfigureParts(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OrderLine>(line =>
        {
            line.ToTable("order_lines");
            line.HasKey(l => new { l.OrderId, l.LineNo });
            line.Property(l => l.LineNo).ValueGeneratedNever();
            line.Property(l => l.OrderId).HasMaxLength(64);
            line.Property(l => l.SkuId).HasMaxLength(64);
            line.Property(l => l.SkuName).HasMaxLength(256);
            line.Property(l => l.PromotionType).HasMaxLength(32);
        });
        modelBuilder.Entity<OrderDiscount>(discount =>
        {
            discount.ToTable("order_discounts");
            discount.HasKey(d => new { d.OrderId, d.Position });
            discount.Property(d => d.Position).ValueGeneratedNever();
            discount.Property(d => d.OrderId).HasMaxLength(64);
            discount.Property(d => d.Code).HasMaxLength(64);
            discount.Property(d => d.Kind).HasMaxLength(24);
            discount.Property(d => d.LineNos).HasMaxLength(4000);
        });
    }
}
