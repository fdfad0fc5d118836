using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Properties;

/// <summary>Junk bodies to every endpoint that takes one: never a 5xx; every error is problem details; a rejected
/// request leaves the store exactly as it was (version and export). Runs on a toy store of its own; junk that happens
/// to be valid is stored, which is fine.</summary>
public class JunkBodyProperties(ToyApi toy) : IClassFixture<ToyApi>
{
    private const int Cases = 100;

    private readonly TestApi _api = toy.Api;

    [Property(MaxTest = Cases)]
    public Property PutPerson_JunkBodyAndId_NeverA5xxAndRejectionsChangeNothing() =>
        Prop.ForAll(Junk.JsonBody.ToArbitrary(), Junk.Escaped.ToArbitrary(),
            (body, id) => Send(_api.Admin, HttpMethod.Put, "/people/" + (id.Length == 0 ? "x" : id), body));

    [Property(MaxTest = Cases)]
    public Property PutTie_JunkBody_NeverA5xxAndRejectionsChangeNothing() =>
        Prop.ForAll(Junk.JsonBody.ToArbitrary(), body => Send(_api.Admin, HttpMethod.Put, "/ties", body));

    [Property(MaxTest = Cases)]
    public Property Import_JunkJsonOrCsvFiles_NeverA5xxAndRejectionsChangeNothing() =>
        Prop.ForAll(Junk.ImportBody.ToArbitrary(), body => Send(_api.Admin, HttpMethod.Post, "/import", body));

    [Property(MaxTest = Cases)]
    public Property Import_RawJunkUnderAnyContentType_NeverA5xxAndRejectionsChangeNothing() =>
        Prop.ForAll(Junk.RawImportBody.ToArbitrary(), body => Send(_api.Admin, HttpMethod.Post, "/import", body));

    [Property(MaxTest = Cases)]
    public Property WhatIf_JunkBody_NeverA5xxAndNothingChanges() =>
        Prop.ForAll(Junk.JsonBody.ToArbitrary(), body => Send(_api.Analyst, HttpMethod.Post, "/what-if", body, neverWrites: true));

    [Property(MaxTest = Cases)]
    public Property CohortAssignment_JunkBody_NeverA5xxAndNothingChanges() =>
        Prop.ForAll(Junk.JsonBody.ToArbitrary(), body => Send(_api.Coach, HttpMethod.Post, "/cohorts/assignments", body, neverWrites: true));

    [Property(MaxTest = Cases)]
    public Property Delete_JunkIdsAndQuery_NeverA5xxAndRejectionsChangeNothing() =>
        Prop.ForAll(Junk.Escaped.ToArbitrary(), Junk.Escaped.ToArbitrary(), Junk.Escaped.ToArbitrary(), (a, b, kind) =>
            Send(_api.Admin, HttpMethod.Delete, a.Length % 2 == 0 ? $"/people/{(a.Length == 0 ? "x" : a)}" : $"/ties?source={a}&target={b}&kind={kind}", null));

    /// <summary>Sends one request and checks the property; throws with the request and answer when it fails.</summary>
    private bool Send(HttpClient client, HttpMethod method, string url, JunkBody? body, bool neverWrites = false) =>
        Task.Run(async () =>
        {
            var admin = _api.Admin;
            var before = await StoreState.ReadAsync(admin);
            using var content = body?.ToContent();
            using var response = await client.SendAsync(method, url, content);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var what = $"{method} {url} {body} → {status}\n{Http.Cut(text)}";
            if (status >= 500) throw new Xunit.Sdk.XunitException("A server error for junk: " + what);
            if (status >= 400 && response.Content.Headers.ContentType?.MediaType != Problems.MediaType)
                throw new Xunit.Sdk.XunitException("An error that is not problem details: " + what);
            if (status >= 400 || neverWrites)
            {
                var after = await StoreState.ReadAsync(admin);
                if (after != before) throw new Xunit.Sdk.XunitException($"The store changed ({before} → {after}) on: {what}");
            }
            return true;
        }).GetAwaiter().GetResult();
}
