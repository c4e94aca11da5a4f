terraform {
  # 1.9+: variable validations may refer to other variables (class-aware checks).
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.81+: delivery_options.max_delivery_seconds and tracking_options.https_policy (and
      # 5.67+: `suppressed_reasons = []`). 6.x: the names we write are checked against 6.25.0's
      # schema (tests/test_provider_schemas.py); docs/modules.md#provider-versions.
      version = ">= 5.81, < 7.0"
    }
  }
}
