# The n8n versions the package is tested against (sourced by test/e2e/setup-n8n.sh and scripts/test.sh).
# OLDEST is the lowest version we support; NEWEST the newest 2.x that installs from the registry.
# Moving NEWEST is this one line. n8n 2.41.3 (latest) does not install: it pins @n8n/agents@0.26.2, which
# the registry does not have (ETARGET); 2.41.1 pins 0.26.1, which it has.
N8N_OLDEST=2.40.7
N8N_NEWEST=2.41.1
