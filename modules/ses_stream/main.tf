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

  # Left out when the lane pauses itself and no one set sending_enabled: the block is
  # optional and computed, so an apply keeps a pause instead of silently undoing it.
  dynamic "sending_options" {
    for_each = local.manages_sending ? [coalesce(var.sending_enabled, true)] : []
    content {
      sending_enabled = sending_options.value
    }
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

  lifecycle {
    # The class limits live in classes.json, which the plan gate reads too: what the module
    # accepts, the gate passes, unless the caller opts out on purpose.
    precondition {
      condition     = var.outside_class_limits || var.suppressed_reasons == null || toset(coalesce(var.suppressed_reasons, [])) == toset(local.class.suppressed_reasons)
      error_message = "suppressed_reasons must be the ${var.class} class's ${jsonencode(local.class.suppressed_reasons)} (classes.json) or null; set outside_class_limits = true to change it on purpose (and [classes.${var.class}] suppressed_reasons in the gate config)."
    }
    precondition {
      condition     = var.outside_class_limits || local.class.pool_mode == "shared" || local.pool_mode != "shared"
      error_message = "ip_pool.mode shared is outside the ${var.class} class, which sends from its own dedicated pool (classes.json pool_mode ${local.class.pool_mode}); set outside_class_limits = true to share IPs on purpose (and [classes.${var.class}] dedicated_pool = false in the gate config)."
    }
    precondition {
      condition     = var.outside_class_limits || local.bounce_rate_threshold <= local.class.max_bounce_rate
      error_message = "alarms.bounce_rate_threshold ${local.bounce_rate_threshold} is above the ${var.class} class limit ${local.class.max_bounce_rate} (classes.json max_bounce_rate); set outside_class_limits = true to raise it on purpose (and [classes.${var.class}] max_bounce_rate in the gate config)."
    }
    precondition {
      condition     = var.outside_class_limits || local.complaint_rate_threshold <= local.class.max_complaint_rate
      error_message = "alarms.complaint_rate_threshold ${local.complaint_rate_threshold} is above the ${var.class} class limit ${local.class.max_complaint_rate} (classes.json max_complaint_rate); set outside_class_limits = true to raise it on purpose (and [classes.${var.class}] max_complaint_rate in the gate config)."
    }
  }
}
