namespace SocialCapital.Sqlite;
