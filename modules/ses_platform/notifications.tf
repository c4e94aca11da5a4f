# Alarm routes: on-call (pages) and deliverability (the team's channel). Each
# route's topic carries the alarms routed there and the real-time SES events
# (bounces, complaints) of the streams routed there, so whoever answers an alarm
# also sees the messages behind it. Both are encrypted with one key that SES and
# CloudWatch may use, each only on behalf of this account.

data "aws_iam_policy_document" "notifications_key" {
  statement {
    sid       = "AccountAdministersTheKey"
    actions   = ["kms:*"]
    resources = ["*"] # in a key policy "*" means this key

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${var.account_id}:root"]
    }
  }

  # Only the sets that publish real-time events to a route topic use the key.
  dynamic "statement" {
    for_each = length(local.publishing_sets) > 0 ? [local.publishing_sets] : []
    content {
      sid       = "SesEncryptsStreamEvents"
      actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["ses.amazonaws.com"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [var.account_id]
      }
      condition {
        test     = "ArnEquals"
        variable = "aws:SourceArn"
        values   = statement.value
      }
    }
  }

  statement {
    sid       = "CloudWatchEncryptsAlarms"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_kms_key" "notifications" {
  description             = "SES ${var.environment}: event and alarm topics"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.notifications_key.json
  tags                    = local.tags
}

resource "aws_kms_alias" "notifications" {
  name          = "alias/ses-${var.environment}-notifications"
  target_key_id = aws_kms_key.notifications.key_id
}

resource "aws_sns_topic" "alarms" {
  for_each = local.alarm_routes

  name              = "ses-${var.environment}-${each.key}"
  kms_master_key_id = local.notifications_key_alias_arn
  tags              = merge(local.tags, { alarm_route = each.key })
}

locals {
  # Exactly who may publish to each route: this environment's alarms routed
  # there (by name: other environments' ses-* alarms in a shared account may
  # not) and the configuration sets whose real-time events go there. The stream
  # alarm names follow ses_stream's naming (a tftest pins it): reading them from
  # module.stream would make the policy wait for the destinations it orders.
  route_alarm_arns = {
    for route in local.alarm_routes : route => concat(
      flatten([
        for key, stream_route in local.stream_routes :
        [for kind in ["bounce-rate", "complaint-rate"] : "${local.alarm_name_arn}ses-${local.stream_names[key]}-${kind}"]
        if stream_route == route
      ]),
      route == "oncall" ? [for name in values(local.account_alarm_names) : "${local.alarm_name_arn}${name}"] : [],
    )
  }
  route_publishing_sets = {
    for route in local.alarm_routes : route => [
      for key, stream_route in local.stream_routes :
      local.configuration_set_arn[key] if stream_route == route && length(local.stream_realtime_events[key]) > 0
    ]
  }
  publishing_sets = sort(flatten(values(local.route_publishing_sets)))
  # Referencing the topic policy orders every SNS event destination after it
  # (SES cannot publish before the policy lets it), while the value stays the
  # name-built ARN, known in the plan.
  realtime_topic_arns = {
    for route in local.alarm_routes :
    route => aws_sns_topic_policy.alarms[route] != null ? local.alarm_topic_arns[route] : null
  }
}

data "aws_iam_policy_document" "alarm_topic" {
  for_each = local.alarm_routes

  statement {
    sid       = "AlarmsOfThisEnvironmentPublish"
    actions   = ["sns:Publish"]
    resources = [local.alarm_topic_arns[each.key]]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = local.route_alarm_arns[each.key]
    }
  }

  dynamic "statement" {
    for_each = length(local.route_publishing_sets[each.key]) > 0 ? [local.route_publishing_sets[each.key]] : []
    content {
      sid       = "SesPublishesRealTimeEventsOfTheseSets"
      actions   = ["sns:Publish"]
      resources = [local.alarm_topic_arns[each.key]]

      principals {
        type        = "Service"
        identifiers = ["ses.amazonaws.com"]
      }
      # Confused-deputy guard: only these configuration sets of this account.
      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [var.account_id]
      }
      condition {
        test     = "ArnEquals"
        variable = "aws:SourceArn"
        values   = statement.value
      }
    }
  }

  statement {
    # Same-account IAM principals could otherwise publish fake bounces the
    # application acts on, or fake alarms that page (or silence) on-call.
    sid       = "NobodyElsePublishes"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [local.alarm_topic_arns[each.key]]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:PrincipalServiceName"
      values   = ["ses.amazonaws.com", "cloudwatch.amazonaws.com"]
    }
    # The streams' automatic pause says that it paused a lane (roles under /ses-pause/).
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:${local.partition}:iam::${var.account_id}:role/ses-pause/*"]
    }
  }
}

resource "aws_sns_topic_policy" "alarms" {
  for_each = local.alarm_routes

  arn    = aws_sns_topic.alarms[each.key].arn
  policy = data.aws_iam_policy_document.alarm_topic[each.key].json
}

resource "aws_sns_topic_subscription" "alarms" {
  for_each = {
    for sub in flatten([
      for route in local.alarm_routes : [
        for s in var.alarm_subscriptions[route] : merge(s, {
          route = route
          # People and pagers get alarms; machines (the app's queue or function)
          # also get every real-time bounce and complaint.
          realtime_events = coalesce(s.realtime_events, contains(["sqs", "lambda"], s.protocol))
        })
      ]
    ]) : "${sub.route}:${sub.protocol}:${sub.endpoint}" => sub
  }

  topic_arn = aws_sns_topic.alarms[each.value.route].arn
  protocol  = each.value.protocol
  endpoint  = each.value.endpoint
  # A route topic also carries SES events: without this filter a pager would
  # open an incident per bounced receipt. Only alarm messages carry AlarmName.
  filter_policy_scope = each.value.realtime_events ? null : "MessageBody"
  filter_policy       = each.value.realtime_events ? null : jsonencode({ AlarmName = [{ exists = true }] })
}
