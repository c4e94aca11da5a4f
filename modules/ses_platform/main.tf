# A whole SaaS sending platform: isolated streams, the root identity
# whose default set is the transactional stream, an identity per other stream, two alarm routes, an account-level
# backstop and one dashboard. Environments call this with their settings only.

data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name

  # Stream classes come from ses_stream's classes.json (the plan gate reads it too): whatever
  # threatens password resets pages on-call; the rest is a working-hours problem. Real-time
  # events are resolved here, not left to ses_stream's identical class default, because the
  # topic policies must name exactly the sets that publish, and reading that back from the
  # stream module would make the policy and the destination it orders depend on each other.
  class_file              = jsondecode(file("${path.module}/../ses_stream/classes.json"))
  classes                 = local.class_file.classes
  review_levels           = local.class_file.ses_review_levels
  default_alarm_route     = { for name, class in local.classes : name => class.alarm_route }
  default_realtime_events = { for name, class in local.classes : name => class.realtime_events }

  stream_names = { for key, stream in var.streams : key => "${var.name_prefix}${key}" }
  # lookup(): an unknown class is reported by the streams validation, not an index error.
  stream_routes = {
    for key, stream in var.streams :
    key => coalesce(stream.alarm_route, lookup(local.default_alarm_route, stream.class, "oncall"))
  }
  stream_realtime_events = {
    for key, stream in var.streams :
    key => stream.sns_event_types != null ? stream.sns_event_types : lookup(local.default_realtime_events, stream.class, [])
  }
  # A stream with its own identity (<key>.<domain>, default set = the stream) is
  # in its lane even when its code names no set: IAM checks the configuration-set
  # ARN only when a request names one, so on the shared identity it would fall
  # back to the default (transactional) set. Transactional keeps the root
  # identity, whose default set it is.
  stream_identity_domains = {
    for key, stream in var.streams :
    key => "${key}.${var.domain}"
    if coalesce(stream.own_identity, stream.class != "transactional")
  }
  stream_identity_arns = {
    for key in keys(var.streams) :
    key => "arn:${local.partition}:ses:${local.region}:${var.account_id}:identity/${lookup(local.stream_identity_domains, key, var.domain)}"
  }

  # The account backstop always pages on-call; deliverability exists only when a stream uses it.
  alarm_routes   = toset(concat(["oncall"], values(local.stream_routes)))
  alarm_name_arn = "arn:${local.partition}:cloudwatch:${local.region}:${var.account_id}:alarm:"
  configuration_set_arn = {
    for key, name in local.stream_names :
    key => "arn:${local.partition}:ses:${local.region}:${var.account_id}:configuration-set/${name}"
  }
  # Built from names (not the topic resources' computed ARNs) so alarm actions
  # are known in the plan; CloudWatch does not require the topic to exist first.
  alarm_topic_arns = {
    for route in local.alarm_routes :
    route => "arn:${local.partition}:sns:${local.region}:${var.account_id}:ses-${var.environment}-${route}"
  }
  # Topics name the key by its alias ARN: known at plan time (a reviewer and
  # checkov see that every topic is encrypted) yet still ordered after the alias.
  notifications_key_alias_arn = "arn:${local.partition}:kms:${local.region}:${var.account_id}:${aws_kms_alias.notifications.name}"

  tags = merge(var.tags, { environment = var.environment })
}

module "stream" {
  source   = "../ses_stream"
  for_each = var.streams

  name       = local.stream_names[each.key]
  class      = each.value.class
  account_id = var.account_id

  ip_pool              = each.value.ip_pool
  outside_class_limits = each.value.outside_class_limits
  suppressed_reasons   = each.value.suppressed_reasons
  max_delivery_seconds = each.value.max_delivery_seconds

  # Real-time events go to the stream's alarm route: the people answering its
  # alarms see the bounces and complaints behind them (notifications.tf).
  sns_destination = {
    event_types    = local.stream_realtime_events[each.key]
    create_topic   = false
    topic_arn      = local.realtime_topic_arns[local.stream_routes[each.key]]
    create_kms_key = false
  }

  firehose_destination = var.event_archive_bucket_arn != null && each.value.archive_events ? {
    bucket_arn = var.event_archive_bucket_arn
  } : null

  alarm_actions = [local.alarm_topic_arns[local.stream_routes[each.key]]]
  # The pause publishes to the same encrypted topic the alarm does.
  pause_on_alarm            = each.value.pause_on_alarm
  alarm_actions_kms_key_arn = local.notifications_key_alias_arn
  alarms = {
    bounce_rate_threshold    = each.value.bounce_rate_threshold
    complaint_rate_threshold = each.value.complaint_rate_threshold
    min_send_volume          = var.alarm_min_send_volume
    period_seconds           = var.alarm_period_seconds
  }

  sending_identity_arns = [local.stream_identity_arns[each.key]]
  tags                  = local.tags
}

module "stream_identity" {
  source   = "../ses_identity"
  for_each = local.stream_identity_domains

  domain                         = each.value
  default_configuration_set_name = module.stream[each.key].configuration_set_name
  mail_from_subdomain            = var.mail_from_subdomain
  dmarc_report_address           = var.dmarc_report_address
  route53_zone_id                = var.route53_zone_id
  tags                           = local.tags
}

module "identity" {
  source = "../ses_identity"

  domain                         = var.domain
  default_configuration_set_name = module.stream[var.default_stream].configuration_set_name
  mail_from_subdomain            = var.mail_from_subdomain
  dmarc_report_address           = var.dmarc_report_address
  route53_zone_id                = var.route53_zone_id
  tags                           = local.tags
}
