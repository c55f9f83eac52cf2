using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReversePaas.Kernel.AfterSales;

namespace ReversePaas.Persistence;

/// <summary>Tables <c>after_sales</c> (with its timeline and capability uses as JSON columns) and <c>after_sale_lines</c>.</summary>
internal sealed class AfterSaleConfiguration : IEntityTypeConfiguration<AfterSale>
{
    public void Configure(EntityTypeBuilder<AfterSale> sale)
    {
        sale.ToTable("after_sales");
        sale.HasKey(a => a.AfterSaleId);
        sale.Property(a => a.AfterSaleId).HasMaxLength(64);
        sale.Property(a => a.OrderId).HasMaxLength(64);
        sale.Property(a => a.Type).HasConversion<string>().HasMaxLength(16);
        sale.Property(a => a.Status).HasConversion<string>().HasMaxLength(24);
        sale.Property(a => a.ReviewBy).HasConversion<string>().HasMaxLength(24);
        sale.Property(a => a.BusinessIdentity).HasMaxLength(128);
        sale.Property(a => a.Reason).HasMaxLength(2000);
        sale.Property(a => a.ApplicantRole).HasMaxLength(24);
        sale.Property(a => a.ApplicantSubject).HasMaxLength(64);
        sale.Property(a => a.UserId).HasMaxLength(64);
        sale.Property(a => a.VenderId).HasMaxLength(64);
        sale.Property(a => a.Carrier).HasMaxLength(64);
        sale.Property(a => a.TrackingNo).HasMaxLength(64);
        sale.Property(a => a.ShipmentId).HasMaxLength(128);
        sale.Property(a => a.RefundReference).HasMaxLength(128);
        sale.Property(a => a.LastError).HasMaxLength(2000);
        sale.Property(a => a.AppealReason).HasMaxLength(2000);
        sale.Property(a => a.HoldReason).HasMaxLength(2000);
        sale.Property(a => a.HoldBy).HasMaxLength(96);
        // The outbound step of an exchange or repair (script 0021).
        sale.Property(a => a.OutboundCarrier).HasMaxLength(64);
        sale.Property(a => a.OutboundTrackingNo).HasMaxLength(128);
        // The inventory reservation of an exchange's replacement (script 0022; null on the other types).
        sale.Property(a => a.Reservation).HasColumnName("replacement_reservation").HasConversion<string>().HasMaxLength(16);
        sale.Property<List<string>>("_evidence").HasColumnName("evidence")
            .HasConversion(JsonColumn.ListConverter, JsonColumn.ListComparer);
        sale.Ignore(a => a.Evidence);
        sale.Property<List<TimelineEntry>>("_timeline").HasColumnName("timeline")
            .HasConversion(AfterSaleHistoryColumns.TimelineConverter, AfterSaleHistoryColumns.TimelineComparer);
        sale.Ignore(a => a.Timeline);
        sale.Property<List<CapabilityUse>>("_capabilities").HasColumnName("capabilities")
            .HasConversion(AfterSaleHistoryColumns.CapabilitiesConverter, AfterSaleHistoryColumns.CapabilitiesComparer);
        sale.Ignore(a => a.Capabilities);
        sale.Property(a => a.PluginFields).HasConversion(JsonColumn.PluginFieldsConverter);
        sale.Property(a => a.Pickup).HasConversion(JsonColumn.PickupConverter).HasMaxLength(1000);
        // Failed return-logistics attempts in a row (script 0019, default 0 for rows written before it); "parked" is
        // derived from it and the next attempt, so it is not stored twice.
        sale.Property(a => a.ReturnAttempts).HasColumnName("return_attempts");
        sale.Ignore(a => a.ReturnParked);
        // Ciphertext of the pickup address (script 0020): base64url of a Data Protection payload, never the plain text.
        sale.Property(a => a.ProtectedPickupAddress).HasColumnName("protected_pickup_address");
        sale.Property(a => a.Version).IsConcurrencyToken();
        sale.Property<string?>(ReverseDbContext.IdempotencyKey).HasMaxLength(128);
        sale.Property<string?>(ReverseDbContext.RequestFingerprint).HasMaxLength(64);

        // The order's after-sales (claims), the list filters, and the executor's due work.
        sale.HasIndex(a => a.OrderId);
        sale.HasIndex(a => new { a.UserId, a.CreatedAt });
        sale.HasIndex(a => new { a.VenderId, a.CreatedAt });
        sale.HasIndex(a => new { a.Status, a.NextAttemptAt });
        // Risk control lists what it holds (GET /api/v1/after-sales?held=true).
        sale.HasIndex(a => a.HoldAt);
        sale.HasIndex(a => new { a.Status, a.ReviewDeadline });
        sale.HasIndex(a => a.CreatedAt);
        // An idempotency key is unique per applicant: a retried POST finds the after-sale it created.
        sale.HasIndex(nameof(AfterSale.ApplicantRole), nameof(AfterSale.ApplicantSubject), ReverseDbContext.IdempotencyKey).IsUnique();

        sale.HasMany(a => a.Lines).WithOne().HasForeignKey(l => l.AfterSaleId);
        sale.Navigation(a => a.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public static void ConfigureParts(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AfterSaleLine>(line =>
        {
            line.ToTable("after_sale_lines");
            line.HasKey(l => new { l.AfterSaleId, l.LineNo });
            line.Property(l => l.LineNo).ValueGeneratedNever();
            line.Property(l => l.AfterSaleId).HasMaxLength(64);
            line.Property(l => l.OrderId).HasMaxLength(64);
            line.Property(l => l.SkuId).HasMaxLength(64);
            line.Property(l => l.SkuName).HasMaxLength(256);
            line.Property(l => l.ReplacementSkuId).HasMaxLength(64);
            line.HasIndex(l => new { l.OrderId, l.LineNo });
        });
    }
}
