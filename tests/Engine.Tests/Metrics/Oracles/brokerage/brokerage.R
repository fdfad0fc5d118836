#!/usr/bin/Rscript
# Expected Gould-Fernandez brokerage roles, computed with R's sna::brokerage (Debian r-cran-sna 2.7-1): the raw
# counts raw.nli on the symmetric 0/1 adjacency matrix of the person-person ties (every tie row counts, repeats and
# self-ties do not). A person whose group is unknown (empty cell) is left out of the matrix - sna needs a class for
# every node - and gets empty counts: the engine counts only two-paths whose three ends have a known group.
# Writes expected_<graph>_<grouping>.csv here; also writes the seeded random graphs random-*/ it checks.
# Run from the repository root: Rscript tests/Engine.Tests/Metrics/Oracles/brokerage/brokerage.R
suppressPackageStartupMessages(library(sna))
here <- "tests/Engine.Tests/Metrics/Oracles/brokerage"

read_graph <- function(dir) {
  nodes <- read.csv(file.path(dir, "nodes.csv"), colClasses = "character", na.strings = character(0))
  ties <- read.csv(file.path(dir, "ties.csv"), colClasses = "character")
  list(nodes = nodes, ties = ties)
}

work_status <- function(employment) {
  map <- c(employed = "in_work", self_employed = "in_work", unemployed = "out_of_work", inactive = "out_of_work",
           student = "student", retired = "retired")
  out <- unname(map[employment])
  out[is.na(out)] <- ""
  out
}

expected <- function(graph, groups, file) {
  ids <- graph$nodes$id
  known <- groups != ""
  n <- sum(known)
  kid <- ids[known]
  adj <- matrix(0, n, n)
  s <- match(graph$ties$source, kid)
  t <- match(graph$ties$target, kid)
  keep <- !is.na(s) & !is.na(t) & s != t
  adj[cbind(s[keep], t[keep])] <- 1
  adj[cbind(t[keep], s[keep])] <- 1
  raw <- brokerage(adj, groups[known])$raw.nli
  out <- data.frame(id = ids, coordinator = NA, itinerant = NA, gatekeeper = NA, representative = NA, liaison = NA,
                    total = NA)
  out[known, c("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")] <-
    raw[, c("w_I", "w_O", "b_IO", "b_OI", "b_O", "t")]
  out <- out[order(out$id, method = "radix"), ] # ordinal, as the engine orders ids
  write.csv(out, file.path(here, file), row.names = FALSE, quote = FALSE, na = "")
}

# A seeded random graph: n people, groups drawn from `values` ("" = unknown), ties more likely within a group.
random_graph <- function(name, seed, n, values, weights, p_in, p_out, column) {
  set.seed(seed)
  ids <- sprintf("p%03d", seq_len(n))
  group <- sample(values, n, replace = TRUE, prob = weights)
  rows <- list()
  for (i in seq_len(n - 1)) for (j in (i + 1):n) {
    same <- group[i] != "" && group[i] == group[j]
    if (runif(1) < if (same) p_in else p_out) rows[[length(rows) + 1]] <- c(ids[i], ids[j])
  }
  ties <- do.call(rbind, rows)
  dir <- file.path(here, name)
  dir.create(dir, showWarnings = FALSE)
  nodes <- data.frame(id = ids, kind = "citizen", area = "", employment = "")
  if (column == "employment") nodes$employment <- group else if (column == "area") nodes$area <- group else nodes[[column]] <- group
  write.csv(nodes, file.path(dir, "nodes.csv"), row.names = FALSE, quote = FALSE)
  write.csv(data.frame(source = ties[, 1], target = ties[, 2], kind = "friend", strength = 1),
            file.path(dir, "ties.csv"), row.names = FALSE, quote = FALSE)
  read_graph(dir)
}

karate <- read_graph("data-samples/karate")
expected(karate, karate$nodes$area, "expected_karate_area.csv")

toy <- read_graph("data-samples/toy")
expected(toy, toy$nodes$area, "expected_toy_area.csv")
expected(toy, work_status(toy$nodes$employment), "expected_toy_work_status.csv")

# three areas and some people with none
r1 <- random_graph("random-areas", 19001, 60, c("north", "south", "east", ""), c(0.35, 0.3, 0.25, 0.1), 0.2, 0.05, "area")
expected(r1, r1$nodes$area, "expected_random-areas_area.csv")
# four work statuses from six employment values, a few unknown
r2 <- random_graph("random-work", 19002, 120, c("employed", "self_employed", "unemployed", "inactive", "student", "retired", ""),
                   c(0.3, 0.05, 0.25, 0.1, 0.12, 0.13, 0.05), 0.08, 0.03, "employment")
expected(r2, work_status(r2$nodes$employment), "expected_random-work_work_status.csv")
# four values of an extra column, denser
r3 <- random_graph("random-club", 19003, 90, c("red", "green", "blue", "gold"), c(0.4, 0.3, 0.2, 0.1), 0.25, 0.06, "club")
expected(r3, r3$nodes$club, "expected_random-club_club.csv")
