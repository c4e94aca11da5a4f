terraform {
  # 1.9+: variable validations may refer to other variables (class-aware checks).
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.67+: `suppressed_reasons = []` (suppression disabled) is accepted.
      version = ">= 5.67, < 6.0"
    }
  }
}
