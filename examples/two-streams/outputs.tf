output "configuration_sets" {
  description = "The configuration set each sender must name (ConfigurationSetName)."
  value = {
    transactional = module.transactional.configuration_set_name
    marketing     = module.marketing.configuration_set_name
  }
}

output "send_policies" {
  description = "IAM policy documents that keep each sending service in its own lane."
  value = {
    transactional = module.transactional.send_policy_json
    marketing     = module.marketing.send_policy_json
  }
}
