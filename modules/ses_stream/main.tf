# One isolated stream: its own configuration set and, when it has one, its own
# named dedicated IP pool.

resource "aws_sesv2_dedicated_ip_pool" "this" {
  count = local.creates_pool ? 1 : 0

  pool_name    = local.pool_name
  scaling_mode = upper(local.pool_mode)
  tags         = local.tags
}

resource "aws_sesv2_configuration_set" "this" {
  configuration_set_name = var.name

  delivery_options {
    # Referencing the pool resource orders creation; the value is the known name.
    sending_pool_name    = local.creates_pool ? aws_sesv2_dedicated_ip_pool.this[0].pool_name : local.pool_name
    tls_policy           = var.tls_policy
    max_delivery_seconds = var.max_delivery_seconds
  }

  reputation_options {
    reputation_metrics_enabled = var.reputation_metrics_enabled
  }

  sending_options {
    sending_enabled = var.sending_enabled
  }

  # Always written out: an absent block silently inherits the account setting.
  # Only the SES v2 API (this resource) supports per-set overrides.
  suppression_options {
    suppressed_reasons = local.suppressed_reasons
  }

  dynamic "tracking_options" {
    for_each = var.custom_redirect_domain == null ? [] : [var.custom_redirect_domain]
    content {
      custom_redirect_domain = tracking_options.value
      https_policy           = "REQUIRE"
    }
  }

  tags = local.tags
}
