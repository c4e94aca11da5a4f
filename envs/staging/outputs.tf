output "platform" {
  description = "Streams, send policies, identities, alarm topics and dashboard of this environment."
  value       = module.platform.summary
}
