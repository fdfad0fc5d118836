#!/usr/bin/Rscript
# Expected coefficients and cluster-robust standard errors of the evidence model (docs/measures.md#evidence), computed
# with R's glm (binomial, logit link) and sandwich::vcovCL(type = "HC1") - CR1: G/(G-1) * (N-1)/(N-K) - clustered by area
# (Debian r-base-core 4.2.2, r-cran-sandwich 3.0-2). Reads person_periods.csv here (written by EvidenceTests with
# SC_WRITE_EVIDENCE_FIXTURE=1: citizens out of work on 2025-07-01 in a generated city of 6,000 people in 10 areas, seed 7,
# --effect 0.15; the engine's codes for the controls) and writes expected.csv (one row per coefficient, in the engine's
# order: intercept, in_work_contacts, then the levels but the first of age band, SES band, time out of work and area) and
# expected_summary.csv. Levels in which nobody or everybody moved are dropped first, until none is left, as the engine does.
# Run from the repository root: Rscript tests/Engine.Tests/Metrics/Oracles/evidence/evidence.R
suppressPackageStartupMessages(library(sandwich))
here <- "tests/Engine.Tests/Metrics/Oracles/evidence"
d <- read.csv(file.path(here, "person_periods.csv"))
factors <- c("age_band", "ses_band", "time_out_of_work", "area")
n0 <- nrow(d)
repeat {
  before <- nrow(d)
  for (f in factors) {
    share <- tapply(d$moved, d[[f]], mean)
    separated <- as.numeric(names(share)[share == 0 | share == 1])
    if (length(separated) > 0 && length(separated) < length(share)) d <- d[!(d[[f]] %in% separated), ]
  }
  if (nrow(d) == before) break
}
for (f in factors) d[[f]] <- factor(d[[f]], levels = sort(unique(d[[f]])))
fit <- glm(moved ~ in_work_contacts + age_band + ses_band + time_out_of_work + area, family = binomial, data = d,
           control = glm.control(epsilon = 1e-14, maxit = 100))
v <- vcovCL(fit, cluster = ~area, type = "HC1")
b <- coef(fit)
se <- sqrt(diag(v))
write.csv(data.frame(term = names(b), estimate = sprintf("%.12g", b), std_error = sprintf("%.12g", se)),
          file.path(here, "expected.csv"), row.names = FALSE, quote = FALSE)

g <- length(unique(d$area))
crit <- qt(0.975, g - 1)
k <- "in_work_contacts"
# Average relative risk of one more in-work contact: mean fitted chance with k + 1 over mean fitted chance; delta method.
x0 <- model.matrix(fit)
x1 <- x0
x1[, k] <- x1[, k] + 1
p0 <- plogis(drop(x0 %*% b))
p1 <- plogis(drop(x1 %*% b))
grad <- colSums(p1 * (1 - p1) * x1) / sum(p1) - colSums(p0 * (1 - p0) * x0) / sum(p0)
log_rr <- log(sum(p1) / sum(p0))
se_rr <- sqrt(drop(t(grad) %*% v %*% grad))
summary <- data.frame(
  measure = c("n", "events", "clusters", "dropped", "odds_ratio", "odds_ratio_low", "odds_ratio_high", "relative_risk",
              "relative_risk_low", "relative_risk_high"),
  value = sprintf("%.12g", c(nrow(d), sum(d$moved), g, n0 - nrow(d), exp(b[[k]]), exp(b[[k]] - crit * se[[k]]),
                             exp(b[[k]] + crit * se[[k]]), exp(log_rr), exp(log_rr - crit * se_rr), exp(log_rr + crit * se_rr))))
write.csv(summary, file.path(here, "expected_summary.csv"), row.names = FALSE, quote = FALSE)
