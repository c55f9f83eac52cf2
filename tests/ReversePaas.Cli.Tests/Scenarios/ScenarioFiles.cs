using System.Text.Json.Nodes;

namespace ReversePaas.Cli.Tests.Scenarios;

/// <summary>Small scenarios the runner tests write, each a JSON object to change before writing.</summary>
internal static class ScenarioFiles
{
    /// <summary>A trusted retail.self customer's 150.00 refund: approved without review and paid.</summary>
    public static JsonObject TrustedRefund(string name = "trusted-refund") => JsonNode.Parse($$"""
        {
          "name": "{{name}}",
          "order": {
            "userId": "u-1", "venderId": "v-1", "venderType": "Self", "orderType": "Normal", "channel": "App",
            "status": "Completed", "warehouseStage": "Packed", "completedAt": "{now-1d}", "freight": 0, "currency": "CNY",
            "attributes": { "trusted": "true" },
            "lines": [ { "lineNo": 1, "skuId": "A", "skuName": "Blender", "quantity": 1, "unitPrice": 150.00, "promotionType": "1" } ]
          },
          "steps": [
            { "call": "POST /api/v1/after-sales", "as": "User:u-1", "save": "sale",
              "body": { "orderId": "{orderId}", "type": "RefundOnly", "reason": "Broken", "lines": [ { "skuId": "A", "quantity": 1 } ] } }
          ],
          "expect": {
            "order": { "ledger": { "paid": 150.00, "refunded": 150.00 } },
            "afterSales": { "sale": { "status": "Completed", "refundAmount": 150.00, "served": { "review.auto-approve": "retail-self.trusted-auto-approve" } } }
          }
        }
        """)!.AsObject();

    /// <summary>A POP return over REST only: the merchant approves, the customer ships, the warehouse (System) receives; 30.00 refunded.</summary>
    public static JsonObject PopReturnOverRest(string name = "pop-return") => JsonNode.Parse($$"""
        {
          "name": "{{name}}",
          "order": {
            "userId": "u-1", "venderId": "v-1", "venderType": "Pop", "orderType": "Normal", "channel": "App",
            "status": "Completed", "warehouseStage": "Packed", "completedAt": "{now-2d}", "freight": 0, "currency": "CNY",
            "lines": [ { "lineNo": 1, "skuId": "A", "skuName": "Lamp", "quantity": 2, "unitPrice": 30.00, "promotionType": "1" } ]
          },
          "steps": [
            { "call": "POST /api/v1/after-sales", "as": "User:u-1", "save": "sale",
              "body": { "orderId": "{orderId}", "type": "ReturnRefund", "reason": "Flickers", "lines": [ { "skuId": "A", "quantity": 1 } ] } },
            { "call": "POST /api/v1/after-sales/{sale}/review", "as": "Merchant:v-1", "body": { "decision": "Approve", "comment": "Send it back" } },
            { "call": "POST /api/v1/after-sales/{sale}/return-shipment", "as": "User:u-1", "body": { "carrier": "SF", "trackingNo": "SF42" } },
            { "call": "POST /api/v1/after-sales/{sale}/warehouse-receipt", "as": "System:order-center", "body": { "lines": [ { "lineNo": 1, "quantity": 1 } ] } }
          ],
          "expect": {
            "order": { "ledger": { "paid": 60.00, "refunded": 30.00, "reserved": 0, "refundable": 30.00 } },
            "afterSales": { "sale": { "status": "Completed", "refundAmount": 30.00, "served": { "review.router": "retail-pop.merchant-review" } } }
          }
        }
        """)!.AsObject();

    public static string Write(string folder, JsonObject scenario)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, (string)scenario["name"]! + ".json");
        File.WriteAllText(file, scenario.ToJsonString());
        return file;
    }
}
