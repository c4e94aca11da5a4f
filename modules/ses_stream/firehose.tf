# Optional event archive: SES -> Firehose -> S3 under <prefix>stream=<name>/,
# so every stream's events stay separable (and can be expired separately).

locals {
  has_firehose    = var.firehose_destination != null
  firehose_name   = "ses-${var.name}-events"
  firehose_prefix = local.has_firehose ? "${var.firehose_destination.prefix}stream=${var.name}/" : null
  firehose_arn    = "arn:${local.partition}:firehose:${local.region}:${local.account_id}:deliverystream/${local.firehose_name}"
}

data "aws_iam_policy_document" "firehose_assume" {
  count = local.has_firehose ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["firehose.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

data "aws_iam_policy_document" "firehose_writes_s3" {
  count = local.has_firehose ? 1 : 0

  statement {
    sid       = "FindTheBucket"
    actions   = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
    resources = [var.firehose_destination.bucket_arn]
  }

  statement {
    # Only this stream's prefix (and its error prefix): one stream cannot
    # overwrite another stream's archive.
    sid     = "WriteThisStreamsPrefix"
    actions = ["s3:PutObject", "s3:AbortMultipartUpload"]
    resources = [
      "${var.firehose_destination.bucket_arn}/${local.firehose_prefix}*",
      "${var.firehose_destination.bucket_arn}/${var.firehose_destination.prefix}errors/stream=${var.name}/*",
    ]
  }

  dynamic "statement" {
    for_each = var.firehose_destination.kms_key_arn == null ? [] : [var.firehose_destination.kms_key_arn]
    content {
      sid       = "EncryptArchive"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role" "firehose" {
  count = local.has_firehose ? 1 : 0

  name               = "ses-${var.name}-firehose"
  assume_role_policy = data.aws_iam_policy_document.firehose_assume[0].json
  tags               = local.tags
}

resource "aws_iam_role_policy" "firehose" {
  count = local.has_firehose ? 1 : 0

  name   = "write-event-archive"
  role   = aws_iam_role.firehose[0].id
  policy = data.aws_iam_policy_document.firehose_writes_s3[0].json
}

resource "aws_kinesis_firehose_delivery_stream" "events" {
  count = local.has_firehose ? 1 : 0

  name        = local.firehose_name
  destination = "extended_s3"

  server_side_encryption {
    enabled  = true
    key_type = "AWS_OWNED_CMK"
  }

  extended_s3_configuration {
    role_arn            = aws_iam_role.firehose[0].arn
    bucket_arn          = var.firehose_destination.bucket_arn
    prefix              = "${local.firehose_prefix}!{timestamp:yyyy/MM/dd}/"
    error_output_prefix = "${var.firehose_destination.prefix}errors/stream=${var.name}/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/"
    buffering_interval  = var.firehose_destination.buffering_interval_secs
    compression_format  = "GZIP"
    kms_key_arn         = var.firehose_destination.kms_key_arn
  }

  tags = local.tags
}

data "aws_iam_policy_document" "ses_assume" {
  count = local.has_firehose ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ses.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.configuration_set_arn]
    }
  }
}

data "aws_iam_policy_document" "ses_puts_records" {
  count = local.has_firehose ? 1 : 0

  statement {
    actions   = ["firehose:PutRecordBatch"]
    resources = [local.firehose_arn]
  }
}

resource "aws_iam_role" "ses_to_firehose" {
  count = local.has_firehose ? 1 : 0

  name               = "ses-${var.name}-to-firehose"
  assume_role_policy = data.aws_iam_policy_document.ses_assume[0].json
  tags               = local.tags
}

resource "aws_iam_role_policy" "ses_to_firehose" {
  count = local.has_firehose ? 1 : 0

  name   = "put-event-records"
  role   = aws_iam_role.ses_to_firehose[0].id
  policy = data.aws_iam_policy_document.ses_puts_records[0].json
}

resource "aws_sesv2_configuration_set_event_destination" "firehose" {
  count = local.has_firehose ? 1 : 0

  configuration_set_name = aws_sesv2_configuration_set.this.configuration_set_name
  event_destination_name = "firehose"

  event_destination {
    enabled              = true
    matching_event_types = var.firehose_destination.event_types

    kinesis_firehose_destination {
      delivery_stream_arn = aws_kinesis_firehose_delivery_stream.events[0].arn
      iam_role_arn        = aws_iam_role.ses_to_firehose[0].arn
    }
  }

  # SES checks it may assume the role when the destination is created.
  depends_on = [aws_iam_role_policy.ses_to_firehose]
}
