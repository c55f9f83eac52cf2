-- Version 1: orders, after-sales, refunds. Generated from the EF model (see docs/persistence.md), then reviewed.
CREATE TABLE after_sales (
    after_sale_id character varying(64) NOT NULL,
    order_id character varying(64) NOT NULL,
    type character varying(16) NOT NULL,
    status character varying(24) NOT NULL,
    business_identity character varying(128) NOT NULL,
    reason character varying(2000) NOT NULL,
    applicant_role character varying(24) NOT NULL,
    applicant_subject character varying(64) NOT NULL,
    user_id character varying(64) NOT NULL,
    vender_id character varying(64) NOT NULL,
    review_by character varying(24),
    refund_amount numeric(18,2) NOT NULL,
    freight_refund numeric(18,2) NOT NULL,
    pickup_at timestamp with time zone,
    carrier character varying(64),
    tracking_no character varying(64),
    shipment_id character varying(128),
    return_arranged boolean NOT NULL,
    refund_attempts integer NOT NULL,
    next_attempt_at timestamp with time zone,
    refund_reference character varying(128),
    last_error character varying(2000),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    idempotency_key character varying(128),
    request_fingerprint character varying(64),
    evidence text NOT NULL,
    CONSTRAINT "PK_after_sales" PRIMARY KEY (after_sale_id)
);


CREATE TABLE orders (
    order_id character varying(64) NOT NULL,
    user_id character varying(64) NOT NULL,
    vender_id character varying(64) NOT NULL,
    vender_type character varying(32) NOT NULL,
    order_type character varying(32) NOT NULL,
    channel character varying(32) NOT NULL,
    status character varying(24) NOT NULL,
    warehouse_stage character varying(16) NOT NULL,
    freight numeric(18,2) NOT NULL,
    currency character varying(3) NOT NULL,
    completed_at timestamp with time zone,
    business_identity character varying(128) NOT NULL,
    attributes text NOT NULL,
    ledger_paid numeric(18,2) NOT NULL,
    ledger_refunded numeric(18,2) NOT NULL,
    ledger_reserved numeric(18,2) NOT NULL,
    fingerprint character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT "PK_orders" PRIMARY KEY (order_id)
);


CREATE TABLE refunds (
    refund_id character varying(64) NOT NULL,
    after_sale_id character varying(64) NOT NULL,
    order_id character varying(64) NOT NULL,
    amount numeric(18,2) NOT NULL,
    reference character varying(128) NOT NULL,
    paid_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_refunds" PRIMARY KEY (refund_id)
);


CREATE TABLE after_sale_capabilities (
    after_sale_id character varying(64) NOT NULL,
    sequence integer NOT NULL,
    extension_point character varying(128) NOT NULL,
    extension character varying(128) NOT NULL,
    plugin character varying(128) NOT NULL,
    CONSTRAINT "PK_after_sale_capabilities" PRIMARY KEY (after_sale_id, sequence),
    CONSTRAINT "FK_after_sale_capabilities_after_sales_after_sale_id" FOREIGN KEY (after_sale_id) REFERENCES after_sales (after_sale_id) ON DELETE CASCADE
);


CREATE TABLE after_sale_lines (
    after_sale_id character varying(64) NOT NULL,
    line_no integer NOT NULL,
    order_id character varying(64) NOT NULL,
    sku_id character varying(64) NOT NULL,
    sku_name character varying(256) NOT NULL,
    quantity integer NOT NULL,
    refund_amount numeric(18,2) NOT NULL,
    CONSTRAINT "PK_after_sale_lines" PRIMARY KEY (after_sale_id, line_no),
    CONSTRAINT "FK_after_sale_lines_after_sales_after_sale_id" FOREIGN KEY (after_sale_id) REFERENCES after_sales (after_sale_id) ON DELETE CASCADE
);


CREATE TABLE after_sale_timeline (
    after_sale_id character varying(64) NOT NULL,
    sequence integer NOT NULL,
    at timestamp with time zone NOT NULL,
    status character varying(24) NOT NULL,
    actor character varying(128) NOT NULL,
    note character varying(2000) NOT NULL,
    CONSTRAINT "PK_after_sale_timeline" PRIMARY KEY (after_sale_id, sequence),
    CONSTRAINT "FK_after_sale_timeline_after_sales_after_sale_id" FOREIGN KEY (after_sale_id) REFERENCES after_sales (after_sale_id) ON DELETE CASCADE
);


CREATE TABLE order_discounts (
    order_id character varying(64) NOT NULL,
    position integer NOT NULL,
    code character varying(64) NOT NULL,
    kind character varying(24) NOT NULL,
    amount numeric(18,2) NOT NULL,
    line_nos character varying(4000) NOT NULL,
    CONSTRAINT "PK_order_discounts" PRIMARY KEY (order_id, position),
    CONSTRAINT "FK_order_discounts_orders_order_id" FOREIGN KEY (order_id) REFERENCES orders (order_id) ON DELETE CASCADE
);


CREATE TABLE order_lines (
    order_id character varying(64) NOT NULL,
    line_no integer NOT NULL,
    sku_id character varying(64) NOT NULL,
    sku_name character varying(256) NOT NULL,
    quantity integer NOT NULL,
    unit_price numeric(18,2) NOT NULL,
    promotion_type character varying(32) NOT NULL,
    weight_grams integer,
    allocated_discount numeric(18,2) NOT NULL,
    paid_amount numeric(18,2) NOT NULL,
    CONSTRAINT "PK_order_lines" PRIMARY KEY (order_id, line_no),
    CONSTRAINT "FK_order_lines_orders_order_id" FOREIGN KEY (order_id) REFERENCES orders (order_id) ON DELETE CASCADE
);


CREATE INDEX "IX_after_sale_lines_order_id_line_no" ON after_sale_lines (order_id, line_no);


CREATE UNIQUE INDEX "IX_after_sales_applicant_role_applicant_subject_idempotency_key" ON after_sales (applicant_role, applicant_subject, idempotency_key);


CREATE INDEX "IX_after_sales_created_at" ON after_sales (created_at);


CREATE INDEX "IX_after_sales_order_id" ON after_sales (order_id);


CREATE INDEX "IX_after_sales_status_next_attempt_at" ON after_sales (status, next_attempt_at);


CREATE INDEX "IX_after_sales_user_id_created_at" ON after_sales (user_id, created_at);


CREATE INDEX "IX_after_sales_vender_id_created_at" ON after_sales (vender_id, created_at);


CREATE INDEX "IX_orders_user_id" ON orders (user_id);


CREATE INDEX "IX_orders_vender_id" ON orders (vender_id);


CREATE UNIQUE INDEX "IX_refunds_after_sale_id" ON refunds (after_sale_id);


CREATE INDEX "IX_refunds_order_id" ON refunds (order_id);


