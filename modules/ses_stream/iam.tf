# What a sender of this stream may do: send only through this configuration
# set and the given identities. IAM has no configuration-set condition key, so
# the lane is enforced by resource ARNs (SPEC §3).

data "aws_iam_policy_document" "send" {
  statement {
    sid       = "SendThroughStream${replace(title(replace(var.name, "/[-_]/", " ")), " ", "")}"
    actions   = ["ses:SendEmail", "ses:SendRawEmail"]
    resources = concat([local.configuration_set_arn], var.sending_identity_arns)
  }
}
