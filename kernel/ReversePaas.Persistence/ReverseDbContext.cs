using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Orders;

namespace ReversePaas.Persistence;

/// <summary>
/// The EF Core model of orders, after-sales and refunds, shared by SQLite and PostgreSQL. Every table of order
/// data leads with the order number (or an id that carries its shard), so the data can later be split by order
/// number; the after-sale table also carries the merchant for a merchant-side copy.
/// </summary>
public sealed class ReverseDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>Shadow property: the <c>Idempotency-Key</c> an after-sale was created with.</summary>
    public const string IdempotencyKey = "IdempotencyKey";

    /// <summary>Shadow property: fingerprint of the request that created an after-sale.</summary>
    public const string RequestFingerprint = "RequestFingerprint";

    /// <summary>Creates the context.</summary>
    public ReverseDbContext(DbContextOptions<ReverseDbContext> options)
        : base(options)
    {
    }

    /// <summary>Forward orders.</summary>
    public DbSet<Order> Orders => Set<Order>();

    /// <summary>After-sales.</summary>
    public DbSet<AfterSale> AfterSales => Set<AfterSale>();

    /// <summary>Refunds paid out.</summary>
    public DbSet<RefundRecord> Refunds => Set<RefundRecord>();

    /// <summary>Messages written with the changes they announce.</summary>
    public DbSet<Outbox.OutboxMessage> OutboxMessages => Set<Outbox.OutboxMessage>();

    /// <summary>Which consumer has which message.</summary>
    public DbSet<Outbox.OutboxDelivery> OutboxDeliveries => Set<Outbox.OutboxDelivery>();

    /// <summary>The search read model.</summary>
    public DbSet<Search.AfterSaleSearchDocument> SearchDocuments => Set<Search.AfterSaleSearchDocument>();

    /// <summary>Where search back-fills are.</summary>
    public DbSet<Search.SearchBackfillCheckpoint> SearchBackfillCheckpoints => Set<Search.SearchBackfillCheckpoint>();

    /// <summary>The deadlines the hosts keep, and their runs' claims.</summary>
    public DbSet<Deadlines.DeadlineEntry> Deadlines => Set<Deadlines.DeadlineEntry>();

    /// <summary>Uploaded plugin packages and the active version of each plugin.</summary>
    public DbSet<PluginPackages.PluginPackageRecord> PluginPackages => Set<PluginPackages.PluginPackageRecord>();

    /// <summary>How far each event handler has been told about each after-sale.</summary>
    public DbSet<Handlers.HandlerDeliveryRecord> HandlerDeliveries => Set<Handlers.HandlerDeliveryRecord>();

    /// <summary>Messages from outside (inbound events) already applied, by id.</summary>
    public DbSet<AppliedMessage> AppliedMessages => Set<AppliedMessage>();

    /// <summary>The Data Protection key ring (table <c>data_protection_keys</c>), shared by every host of the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => ReverseConventions.Apply(configurationBuilder, Database);

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OrderConfiguration());
        OrderConfiguration.ConfigureParts(modelBuilder);
        modelBuilder.ApplyConfiguration(new AfterSaleConfiguration());
        AfterSaleConfiguration.ConfigureParts(modelBuilder);
        modelBuilder.Entity<RefundRecord>(refund =>
        {
            refund.ToTable("refunds");
            refund.HasKey(r => r.RefundId);
            refund.Property(r => r.RefundId).HasMaxLength(64);
            refund.Property(r => r.AfterSaleId).HasMaxLength(64);
            refund.Property(r => r.OrderId).HasMaxLength(64);
            refund.Property(r => r.Reference).HasMaxLength(128);
            // One refund per after-sale, whatever the locks did.
            refund.HasIndex(r => r.AfterSaleId).IsUnique();
            refund.HasIndex(r => r.OrderId);
        });

        modelBuilder.Entity<Outbox.OutboxMessage>(message =>
        {
            message.ToTable("outbox_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).ValueGeneratedOnAdd();
            message.Property(m => m.Topic).HasMaxLength(64);
            message.Property(m => m.Key).HasMaxLength(64);
            message.Property(m => m.OrderId).HasMaxLength(64);
            message.Property(m => m.LastError).HasMaxLength(2000);
            message.Property(m => m.ClaimedBy).HasMaxLength(64);
            message.Property(m => m.TraceParent).HasMaxLength(64);
            // The dispatcher saves a message (its deliveries' renewals, dispatched, failed, deferred) only while its own
            // pass still holds it: a pass that outlived its lease must not overwrite the claim of the pass that took over.
            message.Property(m => m.ClaimedBy).IsConcurrencyToken();
            // The dispatcher's scan: pending messages in order.
            message.HasIndex(m => new { m.DispatchedAt, m.Id });
            // Created by schema script 10 (a partial index: only claimed rows).
            message.HasIndex(m => m.ClaimedBy).HasFilter("claimed_by IS NOT NULL");
        });
        modelBuilder.Entity<AppliedMessage>(applied =>
        {
            applied.ToTable("applied_messages");
            applied.HasKey(m => m.MessageId);
            applied.Property(m => m.MessageId).HasMaxLength(256);
            applied.Property(m => m.Type).HasMaxLength(128);
        });
        modelBuilder.Entity<Outbox.OutboxDelivery>(delivery =>
        {
            delivery.ToTable("outbox_deliveries");
            delivery.HasKey(d => new { d.MessageId, d.Consumer });
            delivery.Property(d => d.Consumer).HasMaxLength(64);
        });
        modelBuilder.Entity<Search.AfterSaleSearchDocument>(document =>
        {
            document.ToTable("after_sale_search");
            document.HasKey(d => d.AfterSaleId);
            document.Property(d => d.AfterSaleId).HasMaxLength(64);
            document.Property(d => d.OrderId).HasMaxLength(64);
            document.Property(d => d.UserId).HasMaxLength(64);
            document.Property(d => d.VenderId).HasMaxLength(64);
            document.Property(d => d.Status).HasMaxLength(24);
            document.Property(d => d.Type).HasMaxLength(16);
            document.Property(d => d.Text).HasMaxLength(8000);
            document.HasIndex(d => new { d.VenderId, d.CreatedAt });
            document.HasIndex(d => new { d.UserId, d.CreatedAt });
        });

        modelBuilder.Entity<Search.SearchBackfillCheckpoint>(checkpoint =>
        {
            checkpoint.ToTable("search_backfill_checkpoints");
            checkpoint.HasKey(c => c.Id);
            checkpoint.Property(c => c.Id).HasMaxLength(64);
            checkpoint.Property(c => c.LastKey).HasMaxLength(64);
        });

        modelBuilder.Entity<Deadlines.DeadlineEntry>(deadline =>
        {
            deadline.ToTable("deadlines");
            deadline.HasKey(d => new { d.Kind, d.Key });
            deadline.Property(d => d.Kind).HasMaxLength(40);
            deadline.Property(d => d.Key).HasMaxLength(64);
            deadline.Property(d => d.RunId).HasMaxLength(32);
            deadline.HasIndex(d => d.DueAt);
        });

        modelBuilder.Entity<PluginPackages.PluginPackageRecord>(package =>
        {
            package.ToTable("plugin_packages");
            package.HasKey(p => new { p.PluginId, p.Version });
            package.Property(p => p.PluginId).HasMaxLength(64);
            package.Property(p => p.Version).HasMaxLength(32);
            package.Property(p => p.Sha256).HasMaxLength(64);
            package.Property(p => p.State).HasMaxLength(16);
            package.HasIndex(p => p.State);
        });

        modelBuilder.Entity<Handlers.HandlerDeliveryRecord>(delivery =>
        {
            delivery.ToTable("handler_deliveries");
            delivery.HasKey(d => new { d.ExtensionId, d.AfterSaleId });
            delivery.Property(d => d.ExtensionId).HasMaxLength(128);
            delivery.Property(d => d.AfterSaleId).HasMaxLength(64);
        });

        modelBuilder.Entity<DataProtectionKey>(key =>
        {
            key.ToTable("data_protection_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).ValueGeneratedOnAdd();
        });

        ReverseConventions.NameColumnsInSnakeCase(modelBuilder);
    }
}
